// Pure parsers for what the inventory gatherers read (command output, /proc files), so they are
// unit-tested without the machine. Attribute names and formats are AWS's (GetInventorySchema).
export type Entry = Record<string, string>;

/** 2026-11-28T23:40:00Z: inventory times carry no milliseconds. */
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The tab-separated lines of DPKG_FORMAT; only packages whose status is "installed". */
export const DPKG_FORMAT = '${Package}\\t${Version}\\t${Architecture}\\t${Maintainer}\\t${Section}\\t${Homepage}\\t${binary:Summary}\\t${db:Status-Status}\\n';

export function parseDpkg(output: string, installedTime: (name: string, arch: string) => string = () => ''): Entry[] {
  const out: Entry[] = [];
  for (const line of output.split('\n')) {
    const [name, version, arch, maintainer, section, homepage, summary, status] = line.split('\t');
    if (!name || status !== 'installed') continue;
    out.push(compact({ Name: name, Version: version, Architecture: arch, Publisher: maintainer, ApplicationType: section,
      URL: homepage, Summary: summary, PackageId: `${name}_${version}_${arch}.deb`, InstalledTime: installedTime(name, arch) }));
  }
  return out;
}

/** rpm -qa --queryformat RPM_FORMAT */
export const RPM_FORMAT = '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\t%{VENDOR}\\t%{GROUP}\\t%{URL}\\t%{SUMMARY}\\t%{INSTALLTIME}\\t%{SOURCERPM}\\n';

export function parseRpm(output: string): Entry[] {
  const none = (v: string | undefined) => (v === undefined || v === '(none)' ? '' : v);
  const out: Entry[] = [];
  for (const line of output.split('\n')) {
    const [name, version, release, epoch, arch, vendor, group, url, summary, installed, source] = line.split('\t').map(none);
    if (!name) continue;
    const time = Number(installed);
    out.push(compact({ Name: name, Version: version, Release: release, Epoch: epoch, Architecture: arch, Publisher: vendor, ApplicationType: group,
      URL: url, Summary: summary, PackageId: source, InstalledTime: Number.isFinite(time) && time > 0 ? isoSeconds(new Date(time * 1000)) : '' }));
  }
  return out;
}

/** `npm ls -g --depth=0 --json`: globally installed packages. */
export function parseNpmGlobal(json: string): Entry[] {
  let parsed: { dependencies?: Record<string, { version?: string }> };
  try { parsed = JSON.parse(json); } catch { return []; }
  return Object.entries(parsed.dependencies ?? {}).filter(([, d]) => d && d.version)
    .map(([name, d]) => ({ Name: name, Version: d.version!, ApplicationType: 'npm', PackageId: `${name}@${d.version}` }));
}

/** `systemctl list-units --type=service --all --no-legend --no-pager --plain` plus `list-unit-files` states. */
export function parseSystemctl(units: string, unitFiles = ''): Entry[] {
  const startTypes = new Map<string, string>();
  for (const line of unitFiles.split('\n')) {
    const [unit, state] = line.trim().split(/\s+/);
    if (unit?.endsWith('.service')) startTypes.set(unit, state === 'enabled' ? 'Automatic' : state === 'disabled' ? 'Manual' : state === 'masked' ? 'Disabled' : state ?? '');
  }
  const out: Entry[] = [];
  for (const line of units.split('\n')) {
    const m = /^\s*[●*]?\s*(\S+\.service)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, unit, , active, sub, description] = m;
    out.push(compact({ Name: unit.replace(/\.service$/, ''), DisplayName: description.trim(), ServiceType: 'Service',
      Status: sub === 'running' ? 'Running' : active === 'failed' ? 'Failed' : 'Stopped', StartType: startTypes.get(unit) ?? '' }));
  }
  return out;
}

type Interfaces = Record<string, { address: string; netmask: string; family: string | number; mac: string; internal: boolean }[] | undefined>;

/** /proc/net/route: the default gateway per interface (addresses are little-endian hex). */
export function parseRoutes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [iface, dest, gw] = line.trim().split(/\s+/);
    if (dest !== '00000000' || !gw || !/^[0-9A-Fa-f]{8}$/.test(gw)) continue;
    const n = parseInt(gw, 16);
    out.set(iface, [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.'));
  }
  return out;
}

export function parseNameservers(resolvConf: string): string[] {
  return resolvConf.split('\n').map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x);
}

export function networkEntries(ifaces: Interfaces, gateways: Map<string, string>, dns: string[]): Entry[] {
  const out: Entry[] = [];
  for (const [name, addrs] of Object.entries(ifaces)) {
    if (!addrs?.length || addrs.every((a) => a.internal)) continue;
    const v4 = addrs.filter((a) => a.family === 'IPv4' || a.family === 4);
    const v6 = addrs.filter((a) => a.family === 'IPv6' || a.family === 6);
    out.push(compact({ Name: name, MacAddress: addrs[0].mac, IPV4: v4.map((a) => a.address).join(','), IPV6: v6.map((a) => a.address).join(','),
      SubnetMask: v4[0]?.netmask ?? '', Gateway: gateways.get(name) ?? '', DNSServer: dns.join(','), DHCPServer: '' }));
  }
  return out;
}

/** /proc/cpuinfo with os.cpus(): model, logical CPUs, physical cores, sockets, speed. */
export function cpuDetails(cpuinfo: string, cpus: { model: string; speed: number }[]): Entry {
  const sockets = new Set<string>();
  const cores = new Set<string>();
  let physical = '';
  let mhz = '';
  for (const line of cpuinfo.split('\n')) {
    const [k, v] = line.split(':').map((s) => s?.trim());
    if (k === 'physical id') { physical = v; sockets.add(v); }
    if (k === 'core id') cores.add(`${physical}/${v}`);
    if (k === 'cpu MHz' && !mhz) mhz = String(Math.round(Number(v)));
  }
  const logical = cpus.length;
  const coreCount = cores.size || logical;
  return {
    CPUModel: cpus[0]?.model?.trim() ?? '', CPUs: String(logical), CPUCores: String(coreCount), CPUSockets: String(sockets.size || 1),
    CPUSpeedMHz: String(cpus[0]?.speed || mhz || 0), CPUHyperThreadEnabled: String(logical > coreCount), OSServicePack: '',
  };
}

/** Glob patterns of AWS:File filters ("*.conf", "app?.log"). */
export function globMatcher(patterns: string[]): (name: string) => boolean {
  const res = patterns.map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return (name) => res.some((r) => r.test(name));
}

function compact(e: Record<string, string | undefined>): Entry {
  const out: Entry = {};
  for (const [k, v] of Object.entries(e)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
