// Which client is asking: a table from client networks (CIDRs) to a region, a place and the VPCs
// they sit in, so latency, geolocation, geoproximity and private-zone answers can be tried from one
// machine (with dig's +subnet=). Loaded from `--dns-clients FILE` / KANRI_DNS_CLIENTS:
//   { "10.1.0.0/16": { "region": "eu-west-1", "country": "IE", "vpcs": ["vpc-0123..."] }, ... }
// Fields left out come from the region's entry in regions.ts.
import { readFileSync } from 'node:fs';
import { addressBits, contains, parseCidr, type Cidr } from './cidr';
import { REGIONS } from './regions';

export interface ClientNetwork {
  region: string;
  continent: string;
  country: string;
  subdivision?: string;
  latitude: number;
  longitude: number;
  vpcs: string[];
}

/** Everyone not listed: a client in us-east-1 (N. Virginia), in no VPC. */
export const DEFAULT_CLIENT: ClientNetwork = { region: 'us-east-1', ...REGIONS['us-east-1'], vpcs: [] } as ClientNetwork;

function entry(raw: Record<string, unknown>, where: string): ClientNetwork {
  const region = typeof raw.region === 'string' ? raw.region : DEFAULT_CLIENT.region;
  const place = REGIONS[region];
  if (!place && (typeof raw.latitude !== 'number' || typeof raw.longitude !== 'number')) {
    throw new Error(`${where}: unknown region ${region}; give latitude and longitude`);
  }
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).toUpperCase() : undefined);
  const country = str('country') ?? (raw.continent === undefined ? place?.country : undefined) ?? '';
  return {
    region,
    continent: str('continent') ?? place?.continent ?? '',
    country,
    subdivision: str('subdivision') ?? (str('country') === undefined && raw.continent === undefined ? place?.subdivision : undefined),
    latitude: typeof raw.latitude === 'number' ? raw.latitude : place.latitude,
    longitude: typeof raw.longitude === 'number' ? raw.longitude : place.longitude,
    vpcs: Array.isArray(raw.vpcs) ? raw.vpcs.filter((v): v is string => typeof v === 'string') : [],
  };
}

export class ClientTable {
  private rows: { cidr: Cidr; network: ClientNetwork }[] = [];
  private memo = new Map<string, ClientNetwork>();

  /** table: the parsed JSON it was made from, kept so worker processes can build the same table. */
  constructor(readonly table: Record<string, unknown> = {}) {
    for (const [text, raw] of Object.entries(table)) {
      const cidr = parseCidr(text);
      if (!cidr) throw new Error(`client table: ${text} is not a CIDR`);
      if (!raw || typeof raw !== 'object') throw new Error(`client table: ${text} needs an object`);
      this.rows.push({ cidr, network: entry(raw as Record<string, unknown>, `client table ${text}`) });
    }
    this.rows.sort((a, b) => b.cidr.prefix - a.cidr.prefix); // longest prefix first
  }

  static fromFile(path: string): ClientTable {
    const parsed = JSON.parse(readFileSync(path, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path}: expected an object of CIDR -> client network`);
    return new ClientTable(parsed);
  }

  lookup(address: string): ClientNetwork {
    const hit = this.memo.get(address);
    if (hit) return hit;
    const bits = addressBits(address);
    const row = bits === null ? undefined : this.rows.find((r) => contains(r.cidr, bits));
    const network = row?.network ?? DEFAULT_CLIENT;
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(address, network);
    return network;
  }
}
