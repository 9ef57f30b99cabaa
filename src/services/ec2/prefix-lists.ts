// Prefix lists: the customer-managed ones are resources (pl-, 17 hex digits) whose entries are kept
// per version; the AWS-managed ones (com.amazonaws.<region>.s3, .dynamodb, ...) exist in every
// region without being stored, with 8-digit ids fixed per region and name.
import { createHash } from 'node:crypto';
import { ec2Error } from './errors';
import { find, where, type Ctx } from './resources';
import { kindRange, listKind, type Doc, type Resource } from './store';

/** The ids AWS gives the gateway-endpoint lists in us-east-1 (other regions: derived from the name). */
const KNOWN_IDS: Record<string, string> = {
  'com.amazonaws.us-east-1.s3': 'pl-63a5400a',
  'com.amazonaws.us-east-1.dynamodb': 'pl-02cd2c6b',
};

/** us-east-1's published ranges; other regions get ranges of the same shape (not AWS's own). */
const US_EAST_1: Record<string, string[]> = {
  s3: ['3.5.0.0/19', '16.15.176.0/20', '16.182.0.0/16', '18.34.0.0/19', '18.34.232.0/21', '52.216.0.0/15', '54.231.0.0/16'],
  dynamodb: ['3.218.180.0/22', '3.218.184.0/22', '52.94.0.0/22', '52.119.224.0/20'],
};

/** The services with an AWS-managed list per region (the two gateway endpoints and their IPv6/S3 Express kin). */
export const GATEWAY_SERVICES = ['s3', 'dynamodb'];
const REGIONAL = ['s3', 'dynamodb', 's3express', 'ipv6.s3', 'ipv6.dynamodb'];
const GLOBAL = ['com.amazonaws.global.cloudfront.origin-facing', 'com.amazonaws.global.ipv6.cloudfront.origin-facing', 'com.amazonaws.global.groundstation'];

function idFor(name: string): string {
  return KNOWN_IDS[name] ?? `pl-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

function entriesFor(region: string, name: string): string[] {
  const service = name.split('.').slice(3).join('.');
  const ipv6 = name.includes('.ipv6.');
  if (region === 'us-east-1' && US_EAST_1[service]) return US_EAST_1[service];
  const h = createHash('sha256').update(name).digest();
  if (ipv6) return [0, 1].map((i) => `2600:1f${(h[i] % 16).toString(16)}${h[i + 2].toString(16).padStart(2, '0')}::/40`);
  return [0, 1, 2].map((i) => `${[3, 18, 52][i]}.${h[i]}.${h[i + 3] & 0xe0}.0/19`);
}

export interface AwsList { doc: Doc; entries: { Cidr: string }[] }

/** Every AWS-managed prefix list of a region. */
export function awsPrefixLists(region: string): AwsList[] {
  const names = [...REGIONAL.map((s) => `com.amazonaws.${region}.${s}`), ...GLOBAL];
  return names.map((name) => {
    const id = idFor(name);
    return {
      doc: {
        PrefixListId: id, AddressFamily: name.includes('.ipv6.') ? 'IPv6' : 'IPv4', State: 'create-complete',
        PrefixListArn: `arn:aws:ec2:${region}:aws:prefix-list/${id}`, PrefixListName: name, OwnerId: 'AWS',
        IpamPrefixListResolverSyncEnabled: false,
      },
      entries: entriesFor(region, name).map((Cidr) => ({ Cidr })),
    };
  });
}

export function awsPrefixList(region: string, idOrName: string): AwsList | undefined {
  return awsPrefixLists(region).find((l) => l.doc.PrefixListId === idOrName || l.doc.PrefixListName === idOrName);
}

/** The gateway-endpoint list for a service name (com.amazonaws.us-east-1.s3). */
export function serviceList(region: string, serviceName: string): AwsList | undefined {
  return awsPrefixLists(region).find((l) => l.doc.PrefixListName === serviceName);
}

export interface AnyList { id: string; doc: Doc; entries: Doc[]; resource?: Resource }

/** A prefix list by id, customer- or AWS-managed; undefined when there is none. */
export function findPrefixList(ctx: Ctx, id: string): AnyList | undefined {
  const r = find(ctx, 'pl', id);
  if (r) return { id: r.id, doc: r.doc, entries: r.doc._entries ?? [], resource: r };
  const a = awsPrefixList(ctx.region, id);
  return a && a.doc.PrefixListId === id ? { id, doc: a.doc, entries: a.entries } : undefined;
}

export function requirePrefixList(ctx: Ctx, id: string): AnyList {
  const found = typeof id === 'string' ? findPrefixList(ctx, id) : undefined;
  if (!found) {
    if (!/^pl-[0-9a-f]{8,17}$/.test(String(id))) throw ec2Error('InvalidPrefixListId.Malformed', String(id));
    throw ec2Error('InvalidPrefixListID.NotFound', String(id));
  }
  return found;
}

/** The security groups and route tables that reference a prefix list. */
export function prefixListUsers(ctx: Ctx, id: string): { ResourceId: string; ResourceOwner: string }[] {
  const s = ctx.platform.storage;
  const w = where(ctx);
  const groups = new Set((s.stmt(`SELECT parent_id FROM ec2_resources WHERE account_id = ? AND region = ? AND id >= ? AND id < ? AND kind = 'sgr'
                                  AND json_extract(doc, '$.PrefixListId') = ?`)
    .all(w.accountId, w.region, ...kindRange('sgr'), id) as { parent_id: string }[]).map((r) => r.parent_id));
  const tables = listKind(s, w, 'rtb').filter((t) => (t.doc.Routes ?? []).some((r: Doc) => r.DestinationPrefixListId === id)).map((t) => t.id);
  return [...[...groups].sort(), ...tables].map((ResourceId) => ({ ResourceId, ResourceOwner: ctx.accountId }));
}
