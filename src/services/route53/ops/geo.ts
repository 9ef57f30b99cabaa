// The locations geolocation records can name: continents, countries (ISO 3166 codes, names from
// the ICU data Node carries), the default location '*', and the subdivisions of the United States.
import type { RequestContext } from '../../types';
import { invalidInput, r53 } from '../errors';

const CONTINENTS: [string, string][] = [['AF', 'Africa'], ['AN', 'Antarctica'], ['AS', 'Asia'], ['EU', 'Europe'], ['NA', 'North America'], ['OC', 'Oceania'], ['SA', 'South America']];
// CLDR knows these codes too, but they are historic, reserved or not countries.
const NOT_COUNTRIES = new Set('AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB XK YD YU ZR ZZ'.split(' '));
const US_STATES: [string, string][] = [
  ['AK', 'Alaska'], ['AL', 'Alabama'], ['AR', 'Arkansas'], ['AZ', 'Arizona'], ['CA', 'California'], ['CO', 'Colorado'], ['CT', 'Connecticut'],
  ['DC', 'District of Columbia'], ['DE', 'Delaware'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['IA', 'Iowa'], ['ID', 'Idaho'],
  ['IL', 'Illinois'], ['IN', 'Indiana'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['MA', 'Massachusetts'], ['MD', 'Maryland'],
  ['ME', 'Maine'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MO', 'Missouri'], ['MS', 'Mississippi'], ['MT', 'Montana'], ['NC', 'North Carolina'],
  ['ND', 'North Dakota'], ['NE', 'Nebraska'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NV', 'Nevada'], ['NY', 'New York'],
  ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'],
  ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VA', 'Virginia'], ['VT', 'Vermont'], ['WA', 'Washington'], ['WI', 'Wisconsin'],
  ['WV', 'West Virginia'], ['WY', 'Wyoming'],
];

interface Details { ContinentCode?: string; ContinentName?: string; CountryCode?: string; CountryName?: string; SubdivisionCode?: string; SubdivisionName?: string }

let all: Details[] | undefined;

/** Every location in ListGeoLocations' order: continents, the default, countries (the US followed by its states). */
export function geoLocations(): Details[] {
  if (all) return all;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const list: Details[] = CONTINENTS.map(([ContinentCode, ContinentName]) => ({ ContinentCode, ContinentName }));
  list.push({ CountryCode: '*', CountryName: 'Default' });
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (!name || name === code || NOT_COUNTRIES.has(code)) continue;
      list.push({ CountryCode: code, CountryName: name });
      if (code === 'US') for (const [SubdivisionCode, SubdivisionName] of US_STATES) list.push({ CountryCode: 'US', CountryName: name, SubdivisionCode, SubdivisionName });
    }
  }
  return (all = list);
}

const keyOf = (d: Details) => `${d.ContinentCode ?? ''}|${d.CountryCode ?? ''}|${d.SubdivisionCode ?? ''}`;

export function getGeoLocation(input: any, _ctx: RequestContext) {
  if (!input.ContinentCode && !input.CountryCode) throw invalidInput('Invalid request: specify ContinentCode or CountryCode.');
  if (input.ContinentCode && input.CountryCode) throw invalidInput('Invalid request: specify either ContinentCode or CountryCode, not both.');
  const want = keyOf({ ContinentCode: input.ContinentCode, CountryCode: input.CountryCode, SubdivisionCode: input.SubdivisionCode });
  const found = geoLocations().find((d) => keyOf(d) === want);
  if (!found) throw r53('NoSuchGeoLocation', 'Amazon Route 53 doesn\'t support the specified geographic location.');
  return { GeoLocationDetails: found };
}

export function listGeoLocations(input: any, _ctx: RequestContext) {
  const list = geoLocations();
  const maxText = input.MaxItems ?? '100';
  const max = Math.max(1, Math.min(Number(maxText) || 100, 100));
  let from = 0;
  if (input.StartContinentCode || input.StartCountryCode) {
    const start = keyOf({ ContinentCode: input.StartContinentCode, CountryCode: input.StartCountryCode, SubdivisionCode: input.StartSubdivisionCode });
    from = list.findIndex((d) => keyOf(d) === start);
    if (from < 0) throw invalidInput('Invalid request: the start location does not exist.');
  }
  const page = list.slice(from, from + max);
  const next = list[from + max];
  return {
    GeoLocationDetailsList: page, IsTruncated: !!next, MaxItems: String(max),
    ...(next ? { ...(next.ContinentCode ? { NextContinentCode: next.ContinentCode } : {}), ...(next.CountryCode ? { NextCountryCode: next.CountryCode } : {}),
      ...(next.SubdivisionCode ? { NextSubdivisionCode: next.SubdivisionCode } : {}) } : {}),
  };
}

/** For record sets: a location Route 53 knows. */
export function knownGeoLocation(geo: { ContinentCode?: string; CountryCode?: string; SubdivisionCode?: string }): boolean {
  const want = keyOf(geo);
  return geoLocations().some((d) => keyOf(d) === want);
}
