// Regions and their zones (data/regions.json, with its source named there).
import data from './data/regions.json';

export interface Zone { name: string; id: string }
export interface RegionInfo { optIn: boolean; zones: Zone[] }

export const REGIONS: Record<string, RegionInfo> = data.regions;

/** The zones of a region; a region kanri has no data for gets three zones named as AWS would. */
export function zonesOf(region: string): Zone[] {
  if (Object.hasOwn(REGIONS, region)) return REGIONS[region].zones;
  const short = region.split('-').map((p, i) => (i === 2 ? p : p.replace(/(north|south|east|west|central)$/, (d) => d[0]).slice(0, i === 1 ? 3 : 2))).join('');
  return ['a', 'b', 'c'].map((l, i) => ({ name: `${region}${l}`, id: `${short}-az${i + 1}` }));
}

export function findZone(region: string, nameOrId: string): Zone | undefined {
  return zonesOf(region).find((z) => z.name === nameOrId || z.id === nameOrId);
}
