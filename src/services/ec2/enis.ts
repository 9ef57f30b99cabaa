// Network interfaces: each takes a private address from its subnet (so the subnet's free count
// moves), may carry a public address, and is what instances and NAT gateways attach to.
import { hexId } from '../../core/ids';
import { containsIp, ipString, parseCidr, parseIp } from './cidr';
import { ec2Error, invalidValue } from './errors';
import { create, newId, registerView, where, type Ctx } from './resources';
import type { Doc, Resource } from './store';

/** EC2's private DNS name for an address (ip-10-0-1-4.ec2.internal). */
export function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function publicDnsName(region: string, ip: string): string {
  const host = `ec2-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

/** n random bytes as hex, from the id generator's pool (a crypto call for each address is dear when launching). */
function randomHex(n: number): string {
  return hexId('', n * 2).slice(1);
}

/** A public address from the pools AWS hands out (3.x, 18.x, 34.x, 44.x, 52.x, 54.x). */
export function newPublicIp(): string {
  const h = randomHex(4);
  const b = (i: number) => parseInt(h.slice(i * 2, i * 2 + 2), 16);
  const first = [3, 18, 34, 44, 52, 54][b(0) % 6];
  return `${first}.${b(1)}.${b(2)}.${Math.max(1, b(3) % 255)}`;
}

function macAddress(): string {
  const h = randomHex(5);
  return `0e:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}`;
}

/**
 * An ENI takes the address after the subnet's highest one in use (.4 in a new subnet), and once the
 * subnet's end is reached the lowest free one. Each ENI keeps its primary address as a number (`_ip`),
 * indexed per subnet (store.ts), so both are index reads rather than a parse of every interface. Where
 * a lowest-free search stopped is kept per ctx (one request), so a RunInstances of 100 walks the index
 * once, and a rolled-back request leaves nothing behind.
 */
const searchFrom = new WeakMap<Ctx, Map<string, number>>();

function highestTaken(ctx: Ctx, subnetId: string): number | undefined {
  const w = where(ctx);
  // ORDER BY ... LIMIT 1 reads the index's last entry; MAX() of an expression would walk every entry of the subnet.
  const row = ctx.platform.storage.stmt(`SELECT json_extract(doc, '$._ip') AS n FROM ec2_resources WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = 'eni'
                                         ORDER BY json_extract(doc, '$._ip') DESC LIMIT 1`).get(w.accountId, w.region, subnetId) as { n: number | null } | undefined;
  return row?.n ?? undefined;
}

function addressTaken(ctx: Ctx, subnetId: string, n: number): boolean {
  const w = where(ctx);
  return !!ctx.platform.storage.stmt(`SELECT 1 FROM ec2_resources WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = 'eni'
                                      AND json_extract(doc, '$._ip') = ?`).get(w.accountId, w.region, subnetId, n);
}

function lowestFree(ctx: Ctx, subnetId: string, from: number, last: number): number | undefined {
  const w = where(ctx);
  let next = from;
  const rows = ctx.platform.storage.stmt(`SELECT json_extract(doc, '$._ip') AS n FROM ec2_resources WHERE account_id = ? AND region = ? AND parent_id = ?
                                          AND kind = 'eni' AND json_extract(doc, '$._ip') >= ? ORDER BY json_extract(doc, '$._ip')`)
    .iterate(w.accountId, w.region, subnetId, from) as Iterable<{ n: number }>;
  for (const { n } of rows) {
    if (n > next) break;
    next = n + 1;
  }
  return next <= last ? next : undefined;
}

export interface NewEni {
  description?: string;
  groups: { GroupId: string; GroupName: string }[];
  privateIp?: string;
  interfaceType?: string;
  requesterManaged?: boolean;
}

/** Takes an address in the subnet (the one asked for, or the next free from .4) and makes the ENI. */
/** `finish` completes the document before it is written (an attachment, a public address), so it is written once. */
export function createEni(ctx: Ctx, subnet: Resource, spec: NewEni, finish?: (doc: Doc) => Doc): Resource {
  const cidr = parseCidr(subnet.doc.CidrBlock)!;
  const last = cidr.base + 2 ** (32 - cidr.prefix) - 2;
  let ip = spec.privateIp;
  let n: number | undefined;
  if (ip !== undefined) {
    n = parseIp(ip);
    if (n === undefined || !containsIp(cidr, n) || n < cidr.base + 4 || n > last) {
      throw invalidValue(`Address ${ip} does not fall within the subnet's address range`);
    }
    if (addressTaken(ctx, subnet.id, n)) throw ec2Error('InvalidIPAddress.InUse', ip);
  } else {
    const highest = highestTaken(ctx, subnet.id);
    n = highest === undefined ? cidr.base + 4 : highest + 1;
    if (n > last) {
      let bySubnet = searchFrom.get(ctx);
      if (!bySubnet) searchFrom.set(ctx, (bySubnet = new Map()));
      n = lowestFree(ctx, subnet.id, bySubnet.get(subnet.id) ?? cidr.base + 4, last);
      if (n === undefined) throw ec2Error('InvalidParameterValue', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
      bySubnet.set(subnet.id, n + 1);
    }
    ip = ipString(n);
  }
  const id = newId('eni');
  const dns = privateDnsName(ctx.region, ip);
  const doc: Doc = {
    AvailabilityZone: subnet.doc.AvailabilityZone, AvailabilityZoneId: subnet.doc.AvailabilityZoneId, Description: spec.description ?? '',
    Groups: spec.groups, InterfaceType: spec.interfaceType ?? 'interface', Ipv6Addresses: [], MacAddress: macAddress(), NetworkInterfaceId: id,
    OwnerId: ctx.accountId, PrivateDnsName: dns, PrivateIpAddress: ip, PrivateIpAddresses: [{ Primary: true, PrivateDnsName: dns, PrivateIpAddress: ip }],
    RequesterManaged: spec.requesterManaged ?? false, SourceDestCheck: true, Status: 'available', SubnetId: subnet.id, VpcId: subnet.doc.VpcId,
    _ip: n,
  };
  return create(ctx, 'eni', id, finish ? finish(doc) : doc, subnet.id);
}

/** Gives the ENI a public address (with its DNS name) or takes it away. */
export function withPublicIp(ctx: Ctx, eni: Doc, publicIp: string | undefined, allocation?: { AllocationId: string; AssociationId: string }): Doc {
  const association = publicIp === undefined ? undefined : {
    IpOwnerId: allocation ? ctx.accountId : 'amazon', PublicDnsName: publicDnsName(ctx.region, publicIp), PublicIp: publicIp,
    ...(allocation ?? {}),
  };
  const doc: Doc = { ...eni, PrivateIpAddresses: eni.PrivateIpAddresses.map((p: Doc) => (p.Primary ? { ...p, Association: association } : p)), Association: association };
  if (!association) {
    delete doc.Association;
    doc.PrivateIpAddresses = doc.PrivateIpAddresses.map((p: Doc) => { const { Association: _, ...rest } = p; return rest; });
  }
  return doc;
}

// ENIs carry TagSet where other resources carry Tags.
registerView('eni', (_ctx, _r, shown) => {
  const { Tags, ...rest } = shown;
  return Tags ? { ...rest, TagSet: Tags } : rest;
});
