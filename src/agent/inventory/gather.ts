// The gatherers of AWS-GatherSoftwareInventory on this machine. Each returns the entries of one
// type; a tool the machine lacks (rpm, systemctl, npm) gives an honest empty list.
import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { cpus, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import * as P from './parse';

export interface FileFilter { Path: string; Pattern: string[]; Recursive?: boolean; DirScanLimit?: number }

function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

const readText = (path: string) => readFile(path, 'utf8').catch(() => '');

async function dpkgInstalledTime(name: string, arch: string): Promise<string> {
  for (const f of [`${name}:${arch}.list`, `${name}.list`]) {
    const s = await stat(join('/var/lib/dpkg/info', f)).catch(() => undefined);
    if (s) return P.isoSeconds(s.mtime);
  }
  return '';
}

export async function applications(): Promise<P.Entry[]> {
  const out: P.Entry[] = [];
  const dpkg = await run('dpkg-query', ['-W', `-f=${P.DPKG_FORMAT}`]);
  if (dpkg !== undefined) {
    const entries = P.parseDpkg(dpkg);
    for (const e of entries) e.InstalledTime = await dpkgInstalledTime(e.Name, e.Architecture ?? '');
    out.push(...entries.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== ''))));
  }
  const rpm = await run('rpm', ['-qa', '--queryformat', P.RPM_FORMAT]);
  if (rpm !== undefined) out.push(...P.parseRpm(rpm));
  if (process.env.KANRI_AGENT_INVENTORY_NPM !== '0') {
    const npm = await run('npm', ['ls', '-g', '--depth=0', '--json'], 60_000);
    if (npm !== undefined) out.push(...P.parseNpmGlobal(npm));
  }
  return out;
}

export async function network(): Promise<P.Entry[]> {
  return P.networkEntries(networkInterfaces() as never, P.parseRoutes(await readText('/proc/net/route')), P.parseNameservers(await readText('/etc/resolv.conf')));
}

export async function services(): Promise<P.Entry[]> {
  const units = await run('systemctl', ['list-units', '--type=service', '--all', '--no-legend', '--no-pager', '--plain']);
  if (units === undefined) return [];
  const files = await run('systemctl', ['list-unit-files', '--type=service', '--no-legend', '--no-pager']) ?? '';
  return P.parseSystemctl(units, files);
}

export async function instanceDetails(): Promise<P.Entry[]> {
  return [P.cpuDetails(await readText('/proc/cpuinfo'), cpus())];
}

/** AWS:File for the configured filters (AWS-GatherSoftwareInventory's `files` parameter). */
export async function files(filters: FileFilter[]): Promise<P.Entry[]> {
  const out: P.Entry[] = [];
  for (const f of filters) {
    const match = P.globMatcher(f.Pattern);
    let budget = f.DirScanLimit ?? 5000;
    const walk = async (dir: string): Promise<void> => {
      if (budget-- <= 0) return;
      const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const d of names) {
        const full = join(dir, d.name);
        if (d.isDirectory()) { if (f.Recursive) await walk(full); continue; }
        if (!d.isFile() || !match(d.name)) continue;
        const s = await stat(full).catch(() => undefined);
        if (!s) continue;
        out.push({ Name: d.name, Size: String(s.size), InstalledDir: dir, ModificationTime: P.isoSeconds(s.mtime),
          LastAccessTime: P.isoSeconds(s.atime), InstalledDate: P.isoSeconds(s.birthtime.getTime() ? s.birthtime : s.ctime) });
      }
    };
    await walk(f.Path);
  }
  return out;
}
