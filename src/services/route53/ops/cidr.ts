// CIDR collections for IP-based routing: named locations, each a list of CIDR blocks, versioned.
import { randomUUID } from 'node:crypto';
import type { Row } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { invalidInput, noSuchCidrCollection, r53 } from '../errors';
import { parseNet } from '../health/targets';
import { notifyZonesChanged } from '../api';

interface CollectionRow { id: string; name: string; callerReference: string; version: number }

function findCollection(ctx: RequestContext, id: string): CollectionRow | undefined {
  const r = ctx.platform.storage.stmt('SELECT * FROM route53_cidr_collections WHERE id = ? AND account_id = ?').get(id, ctx.accountId) as Row | undefined;
  return r && { id: r.id, name: r.name, callerReference: r.caller_reference, version: r.version };
}

function getCollection(ctx: RequestContext, id: string): CollectionRow {
  const c = findCollection(ctx, id);
  if (!c) throw noSuchCidrCollection();
  return c;
}

const arnOf = (id: string) => `arn:aws:route53:::cidrcollection/${id}`;
const view = (c: CollectionRow) => ({ Arn: arnOf(c.id), Id: c.id, Name: c.name, Version: c.version });

/** For record sets: the collection exists and has the location ('*' is the default location). */
export function cidrLocationExists(ctx: RequestContext, collectionId: string, location: string): boolean {
  if (!findCollection(ctx, collectionId)) return false;
  return location === '*' || !!ctx.platform.storage.stmt('SELECT 1 FROM route53_cidr_blocks WHERE collection_id = ? AND location = ? LIMIT 1').get(collectionId, location);
}

export function createCidrCollection(input: any, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const existing = s.stmt('SELECT * FROM route53_cidr_collections WHERE account_id = ? AND name = ?').get(ctx.accountId, input.Name) as Row | undefined;
  if (existing) {
    const c = { id: existing.id, name: existing.name, callerReference: existing.caller_reference, version: existing.version };
    if (c.callerReference === input.CallerReference) return { Collection: view(c), Location: `https://route53.amazonaws.com/2013-04-01/cidrcollection/${c.id}` };
    throw r53('CidrCollectionAlreadyExistsException', `A CIDR collection with the name ${input.Name} already exists.`);
  }
  const count = (s.stmt('SELECT COUNT(*) AS n FROM route53_cidr_collections WHERE account_id = ?').get(ctx.accountId) as Row).n;
  if (count >= 5) throw r53('LimitsExceeded', 'This operation can\'t be completed because the current account has reached the limit on CIDR collections.');
  const c: CollectionRow = { id: randomUUID(), name: input.Name, callerReference: input.CallerReference, version: 1 };
  s.stmt('INSERT INTO route53_cidr_collections (id, account_id, name, caller_reference, version) VALUES (?, ?, ?, ?, ?)').run(c.id, ctx.accountId, c.name, c.callerReference, c.version);
  return { Collection: view(c), Location: `https://route53.amazonaws.com/2013-04-01/cidrcollection/${c.id}` };
}

function collectionInUse(ctx: RequestContext, id: string, location?: string): boolean {
  const sql = location === undefined
    ? "SELECT 1 FROM route53_records WHERE json_extract(doc, '$.CidrRoutingConfig.CollectionId') = ? LIMIT 1"
    : "SELECT 1 FROM route53_records WHERE json_extract(doc, '$.CidrRoutingConfig.CollectionId') = ? AND json_extract(doc, '$.CidrRoutingConfig.LocationName') = ? LIMIT 1";
  return !!ctx.platform.storage.stmt(sql).get(...(location === undefined ? [id] : [id, location]));
}

export function changeCidrCollection(input: any, ctx: RequestContext) {
  const c = getCollection(ctx, input.Id);
  const s = ctx.platform.storage;
  if (input.CollectionVersion !== undefined && input.CollectionVersion !== c.version) {
    throw r53('CidrCollectionVersionMismatchException', 'The CIDR collection version you provided, doesn\'t match the one in the ListCidrCollections operation.');
  }
  for (const change of input.Changes) {
    for (const cidr of change.CidrList as string[]) {
      const net = parseNet(cidr);
      if (!net || !cidr.includes('/')) throw invalidInput(`Invalid CIDR block: ${cidr}`);
      if (change.Action === 'PUT') {
        const other = s.stmt('SELECT location FROM route53_cidr_blocks WHERE collection_id = ? AND cidr = ? AND location != ?').get(c.id, cidr, change.LocationName) as Row | undefined;
        if (other) throw invalidInput(`The CIDR block ${cidr} is already in location ${other.location} of this collection.`);
        s.stmt('INSERT OR IGNORE INTO route53_cidr_blocks (collection_id, location, cidr) VALUES (?, ?, ?)').run(c.id, change.LocationName, cidr);
      } else {
        s.stmt('DELETE FROM route53_cidr_blocks WHERE collection_id = ? AND location = ? AND cidr = ?').run(c.id, change.LocationName, cidr);
      }
    }
    if (change.Action === 'DELETE_IF_EXISTS' && collectionInUse(ctx, c.id, change.LocationName)
      && !s.stmt('SELECT 1 FROM route53_cidr_blocks WHERE collection_id = ? AND location = ?').get(c.id, change.LocationName)) {
      throw r53('CidrBlockInUseException', `The location ${change.LocationName} is used by a resource record set and cannot be emptied.`);
    }
  }
  s.stmt('UPDATE route53_cidr_collections SET version = version + 1 WHERE id = ?').run(c.id);
  notifyZonesChanged();
  return { Id: c.id };
}

export function deleteCidrCollection(input: any, ctx: RequestContext) {
  const c = getCollection(ctx, input.Id);
  if (collectionInUse(ctx, c.id)) throw r53('CidrCollectionInUseException', 'This CIDR collection is in use, and isn\'t empty.');
  if (ctx.platform.storage.stmt('SELECT 1 FROM route53_cidr_blocks WHERE collection_id = ? LIMIT 1').get(c.id)) {
    throw r53('CidrCollectionInUseException', 'This CIDR collection is in use, and isn\'t empty.');
  }
  ctx.platform.storage.stmt('DELETE FROM route53_cidr_collections WHERE id = ?').run(c.id);
  return {};
}

function page<T>(items: T[], token: unknown, maxResults: unknown): { items: T[]; next?: string } {
  const max = maxResults === undefined ? 100 : Math.max(1, Math.min(Number(maxResults) || 100, 100));
  const from = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(from) || from < 0 || from > items.length) throw invalidInput('The value that you specified for NextToken in a List request isn\'t valid.');
  return { items: items.slice(from, from + max), ...(from + max < items.length ? { next: String(from + max) } : {}) };
}

export function listCidrCollections(input: any, ctx: RequestContext) {
  const rows = (ctx.platform.storage.stmt('SELECT * FROM route53_cidr_collections WHERE account_id = ? ORDER BY name').all(ctx.accountId) as Row[])
    .map((r) => view({ id: r.id, name: r.name, callerReference: r.caller_reference, version: r.version }));
  const p = page(rows, input.NextToken, input.MaxResults);
  return { CidrCollections: p.items, ...(p.next ? { NextToken: p.next } : {}) };
}

export function listCidrLocations(input: any, ctx: RequestContext) {
  const c = getCollection(ctx, input.CollectionId);
  const rows = (ctx.platform.storage.stmt('SELECT DISTINCT location FROM route53_cidr_blocks WHERE collection_id = ? ORDER BY location').all(c.id) as Row[])
    .map((r) => ({ LocationName: r.location }));
  const p = page(rows, input.NextToken, input.MaxResults);
  return { CidrLocations: p.items, ...(p.next ? { NextToken: p.next } : {}) };
}

export function listCidrBlocks(input: any, ctx: RequestContext) {
  const c = getCollection(ctx, input.CollectionId);
  const s = ctx.platform.storage;
  if (input.LocationName !== undefined && !s.stmt('SELECT 1 FROM route53_cidr_blocks WHERE collection_id = ? AND location = ? LIMIT 1').get(c.id, input.LocationName)) {
    throw r53('NoSuchCidrLocationException', 'The CIDR collection location doesn\'t match any locations in your account.');
  }
  const rows = (input.LocationName !== undefined
    ? s.stmt('SELECT location, cidr FROM route53_cidr_blocks WHERE collection_id = ? AND location = ? ORDER BY location, cidr').all(c.id, input.LocationName)
    : s.stmt('SELECT location, cidr FROM route53_cidr_blocks WHERE collection_id = ? ORDER BY location, cidr').all(c.id)) as Row[];
  const p = page(rows.map((r) => ({ CidrBlock: r.cidr, LocationName: r.location })), input.NextToken, input.MaxResults);
  return { CidrBlocks: p.items, ...(p.next ? { NextToken: p.next } : {}) };
}
