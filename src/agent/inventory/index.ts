// The inventory feature of the agent: gathers AWS-GatherSoftwareInventory's types when the agent
// starts and then on a schedule (30 minutes; KANRI_AGENT_INVENTORY_INTERVAL_MS for tests), and
// puts them with PutInventory. A type whose content hash is unchanged since the last accepted put
// goes without its Content (only its ContentHash), as the SSM Agent does; if kanri no longer holds
// that content (ItemContentMismatchException), everything is sent in full again.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentContext, AgentFeature } from '../context';
import * as G from './gather';
import { isoSeconds, type Entry } from './parse';

const DEFAULT_INTERVAL = 30 * 60_000;

interface TypeGatherer { typeName: string; schemaVersion: string; gather: () => Promise<Entry[]> }

function fileFilters(): G.FileFilter[] {
  const raw = process.env.KANRI_AGENT_INVENTORY_FILES;
  if (!raw) return [];
  try { return JSON.parse(raw); } catch { return []; }
}

export function gatherers(): TypeGatherer[] {
  const filters = fileFilters();
  return [
    { typeName: 'AWS:Application', schemaVersion: '1.1', gather: G.applications },
    { typeName: 'AWS:Network', schemaVersion: '1.0', gather: G.network },
    { typeName: 'AWS:Service', schemaVersion: '1.0', gather: G.services },
    { typeName: 'AWS:InstanceDetailedInformation', schemaVersion: '1.0', gather: G.instanceDetails },
    ...(filters.length ? [{ typeName: 'AWS:File', schemaVersion: '1.0', gather: () => G.files(filters) }] : []),
  ];
}

export const contentHash = (content: Entry[]) => createHash('md5').update(JSON.stringify(content)).digest('base64');

class HashFile {
  constructor(private readonly path: string) {}
  read(): Record<string, string> {
    try { return JSON.parse(readFileSync(this.path, 'utf8')); } catch { return {}; }
  }
  write(h: Record<string, string>): void { writeFileSync(this.path, JSON.stringify(h)); }
}

/** One gathering and upload; returns the types sent with their content. */
export async function reportInventory(ctx: AgentContext, forceFull = false): Promise<string[]> {
  const hashes = new HashFile(join(ctx.stateDir, 'inventory-hashes.json'));
  const known = forceFull ? {} : hashes.read();
  const captureTime = isoSeconds(new Date());
  const items: object[] = [];
  const next: Record<string, string> = {};
  const full: string[] = [];
  for (const g of gatherers()) {
    let content: Entry[];
    try { content = await g.gather(); } catch (err) { ctx.log(`inventory: ${g.typeName} failed: ${(err as Error).message}`); continue; }
    const hash = contentHash(content);
    next[g.typeName] = hash;
    if (known[g.typeName] === hash) items.push({ TypeName: g.typeName, SchemaVersion: g.schemaVersion, CaptureTime: captureTime, ContentHash: hash });
    else { items.push({ TypeName: g.typeName, SchemaVersion: g.schemaVersion, CaptureTime: captureTime, ContentHash: hash, Content: content }); full.push(g.typeName); }
  }
  try {
    await ctx.call('AmazonSSM', 'PutInventory', { InstanceId: ctx.instanceId, Items: items });
  } catch (err) {
    if ((err as { code?: string }).code === 'ItemContentMismatchException' && !forceFull) return reportInventory(ctx, true);
    throw err;
  }
  hashes.write(next);
  return full;
}

export const inventoryFeature: AgentFeature = async (ctx) => {
  const interval = Number(process.env.KANRI_AGENT_INVENTORY_INTERVAL_MS) || DEFAULT_INTERVAL;
  while (!ctx.signal.aborted) {
    try {
      const sent = await reportInventory(ctx);
      ctx.log(`inventory: reported${sent.length ? ` (changed: ${sent.join(', ')})` : ' (unchanged)'}`);
    } catch (err) {
      ctx.log(`inventory: PutInventory failed: ${(err as Error).message}`);
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, interval);
      ctx.signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
    });
  }
};
