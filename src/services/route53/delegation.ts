// Name servers as Route 53 hands them out: one in each of .com, .net, .org and .co.uk, numbered
// in that top-level domain's block (ns-0..511 .com, ns-512..1023 .net, ...). Private zones all
// get the same fixed set, as on AWS. The zone's NS and SOA records are made from them.
import { randomInt } from 'node:crypto';
import type { ResourceRecordSet } from './api';

const TLDS = ['com', 'net', 'org', 'co.uk'];

export function newNameServers(): string[] {
  const servers = TLDS.map((tld, i) => `ns-${i * 512 + randomInt(512)}.awsdns-${String(randomInt(64)).padStart(2, '0')}.${tld}`);
  for (let i = servers.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [servers[i], servers[j]] = [servers[j], servers[i]];
  }
  return servers;
}

export const PRIVATE_NAME_SERVERS = ['ns-1536.awsdns-00.co.uk.', 'ns-0.awsdns-00.com.', 'ns-1024.awsdns-00.org.', 'ns-512.awsdns-00.net.'];

/** The NS and SOA sets AWS puts in a new zone. */
export function apexRecords(zoneName: string, nameServers: string[], privateZone: boolean): ResourceRecordSet[] {
  const ns = privateZone ? PRIVATE_NAME_SERVERS : nameServers.map((n) => `${n}.`);
  return [
    { Name: zoneName, Type: 'NS', TTL: 172800, ResourceRecords: ns.map((Value) => ({ Value })) },
    { Name: zoneName, Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: `${ns[0]} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400` }] },
  ];
}
