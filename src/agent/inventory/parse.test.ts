import { describe, expect, it } from 'vitest';
import * as P from './parse';

describe('inventory parsers', () => {
  it('reads dpkg-query lines, keeping installed packages only', () => {
    const out = 'bash\t5.2.15-2+b2\tamd64\tMatthias Klose <doko@debian.org>\tshells\thttp://tiswww.case.edu/php/chet/bash/bashtop.html\tGNU Bourne Again SHell\tinstalled\n'
      + 'oldpkg\t1.0\tall\tSomeone\tmisc\t\tgone\tconfig-files\n';
    expect(P.parseDpkg(out)).toEqual([{ Name: 'bash', Version: '5.2.15-2+b2', Architecture: 'amd64', Publisher: 'Matthias Klose <doko@debian.org>',
      ApplicationType: 'shells', URL: 'http://tiswww.case.edu/php/chet/bash/bashtop.html', Summary: 'GNU Bourne Again SHell', PackageId: 'bash_5.2.15-2+b2_amd64.deb' }]);
  });

  it('reads rpm lines with release, epoch and install time', () => {
    const out = 'openssl\t3.0.7\t27.el9\t1\tx86_64\tRed Hat, Inc.\tUnspecified\thttp://www.openssl.org/\tUtilities\t1700000000\topenssl-3.0.7-27.el9.src.rpm\n'
      + 'zlib\t1.2.11\t40.el9\t(none)\tx86_64\t(none)\tUnspecified\t(none)\tThe zlib library\t1700000100\tzlib.src.rpm\n';
    const [a, b] = P.parseRpm(out);
    expect(a).toMatchObject({ Name: 'openssl', Version: '3.0.7', Release: '27.el9', Epoch: '1', InstalledTime: '2023-11-14T22:13:20Z', PackageId: 'openssl-3.0.7-27.el9.src.rpm' });
    expect(b.Epoch).toBeUndefined();
    expect(b.Publisher).toBeUndefined();
  });

  it('reads npm ls -g --json', () => {
    expect(P.parseNpmGlobal('{"dependencies":{"npm":{"version":"10.2.0"},"typescript":{"version":"5.4.5"}}}'))
      .toEqual([{ Name: 'npm', Version: '10.2.0', ApplicationType: 'npm', PackageId: 'npm@10.2.0' }, { Name: 'typescript', Version: '5.4.5', ApplicationType: 'npm', PackageId: 'typescript@5.4.5' }]);
    expect(P.parseNpmGlobal('not json')).toEqual([]);
  });

  it('reads systemctl units with their start types', () => {
    const units = 'cron.service loaded active running Regular background program processing daemon\n'
      + '● bad.service not-found inactive dead bad.service\nssh.service loaded failed failed OpenBSD Secure Shell server\n';
    const files = 'cron.service enabled enabled\nssh.service disabled enabled\n';
    expect(P.parseSystemctl(units, files)).toEqual([
      { Name: 'cron', DisplayName: 'Regular background program processing daemon', ServiceType: 'Service', Status: 'Running', StartType: 'Automatic' },
      { Name: 'bad', DisplayName: 'bad.service', ServiceType: 'Service', Status: 'Stopped' },
      { Name: 'ssh', DisplayName: 'OpenBSD Secure Shell server', ServiceType: 'Service', Status: 'Failed', StartType: 'Manual' },
    ]);
  });

  it('builds AWS:Network from interfaces, routes and resolv.conf', () => {
    const routes = P.parseRoutes('Iface\tDestination\tGateway\tFlags\neth0\t00000000\t0102000A\t0003\neth0\t0002000A\t00000000\t0001\n');
    expect(routes.get('eth0')).toBe('10.0.2.1');
    const ifaces = {
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true }],
      eth0: [{ address: '10.0.2.15', netmask: '255.255.255.0', family: 'IPv4', mac: '02:42:ac:11:00:02', internal: false },
        { address: 'fe80::42:acff:fe11:2', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:42:ac:11:00:02', internal: false }],
    };
    expect(P.networkEntries(ifaces, routes, P.parseNameservers('# x\nnameserver 10.0.2.3\nnameserver 1.1.1.1\n'))).toEqual([{
      Name: 'eth0', MacAddress: '02:42:ac:11:00:02', IPV4: '10.0.2.15', IPV6: 'fe80::42:acff:fe11:2', SubnetMask: '255.255.255.0', Gateway: '10.0.2.1', DNSServer: '10.0.2.3,1.1.1.1',
    }]);
  });

  it('counts sockets, cores and hyper-threading from /proc/cpuinfo', () => {
    const cpuinfo = [0, 1, 2, 3].map((i) => `processor\t: ${i}\nmodel name\t: Xeon\ncpu MHz\t\t: 2499.998\nphysical id\t: 0\ncore id\t\t: ${i % 2}\n`).join('\n');
    const cpus = [0, 1, 2, 3].map(() => ({ model: 'Xeon', speed: 0 }));
    expect(P.cpuDetails(cpuinfo, cpus)).toEqual({ CPUModel: 'Xeon', CPUs: '4', CPUCores: '2', CPUSockets: '1', CPUSpeedMHz: '2500', CPUHyperThreadEnabled: 'true', OSServicePack: '' });
  });

  it('matches file patterns as globs', () => {
    const m = P.globMatcher(['*.conf', 'app?.log']);
    expect([m('a.conf'), m('a.confx'), m('app1.log'), m('app12.log')]).toEqual([true, false, true, false]);
  });
});
