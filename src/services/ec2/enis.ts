// Network interfaces: each takes a private address from its subnet (so the subnet's free count
// moves), may carry a public address, and is what instances and NAT gateways attach to.
import { randomBytes } from 'node:crypto';
import { containsIp, nextFreeAddress, parseCidr, parseIp } from './cidr';
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

/** A public address from the pools AWS hands out (3.x, 18.x, 34.x, 44.x, 52.x, 54.x). */
export function newPublicIp(): string {
  const b = randomBytes(4);
  const first = [3, 18, 34, 44, 52, 54][b[0] % 6];
  return `${first}.${b[1]}.${b[2]}.${Math.max(1, b[3] % 255)}`;
}

function macAddress(): string {
  const b = randomBytes(5);
  return ['0e', ...[...b].map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

/**
 * Addresses in use per subnet, read once per request and kept up to date by createEni: a RunInstances
 * of 100 would otherwise read the subnet's every interface 100 times. Kept per ctx (one request),
 * so a rolled-back request leaves nothing behind.
 */
const usedByRequest = new WeakMap<Ctx, Map<string, Set<string>>>();

export function usedAddresses(ctx: Ctx, subnetId: string): Set<string> {
  let bySubnet = usedByRequest.get(ctx);
  if (!bySubnet) usedByRequest.set(ctx, (bySubnet = new Map()));
  let used = bySubnet.get(subnetId);
  if (!used) {
    const w = where(ctx);
    const rows = ctx.platform.storage.stmt(`SELECT json_extract(doc, '$.PrivateIpAddress') AS ip FROM ec2_resources
                                            WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = 'eni'`).all(w.accountId, w.region, subnetId) as { ip: string }[];
    bySubnet.set(subnetId, (used = new Set(rows.map((r) => r.ip))));
  }
  return used;
}

export interface NewEni {
  description?: string;
  groups: { GroupId: string; GroupName: string }[];
  privateIp?: string;
  interfaceType?: string;
  requesterManaged?: boolean;
}

/** Takes an address in the subnet (the one asked for, or the next free from .4) and makes the ENI. */
export function createEni(ctx: Ctx, subnet: Resource, spec: NewEni): Resource {
  const cidr = parseCidr(subnet.doc.CidrBlock)!;
  const used = usedAddresses(ctx, subnet.id);
  let ip = spec.privateIp;
  if (ip !== undefined) {
    const n = parseIp(ip);
    if (n === undefined || !containsIp(cidr, n) || n < cidr.base + 4 || n === cidr.base + 2 ** (32 - cidr.prefix) - 1) {
      throw invalidValue(`Address ${ip} does not fall within the subnet's address range`);
    }
    if (used.has(ip)) throw ec2Error('InvalidIPAddress.InUse', ip);
  } else {
    ip = nextFreeAddress(cidr, used);
    if (!ip) throw ec2Error('InvalidParameterValue', `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`);
  }
  used.add(ip);
  const id = newId('eni');
  const dns = privateDnsName(ctx.region, ip);
  return create(ctx, 'eni', id, {
    AvailabilityZone: subnet.doc.AvailabilityZone, AvailabilityZoneId: subnet.doc.AvailabilityZoneId, Description: spec.description ?? '',
    Groups: spec.groups, InterfaceType: spec.interfaceType ?? 'interface', Ipv6Addresses: [], MacAddress: macAddress(), NetworkInterfaceId: id,
    OwnerId: ctx.accountId, PrivateDnsName: dns, PrivateIpAddress: ip, PrivateIpAddresses: [{ Primary: true, PrivateDnsName: dns, PrivateIpAddress: ip }],
    RequesterManaged: spec.requesterManaged ?? false, SourceDestCheck: true, Status: 'available', SubnetId: subnet.id, VpcId: subnet.doc.VpcId,
  }, subnet.id);
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
