// `kanri config-rules`: the managed-rule catalogue as a user lists it, marking the rules kanri evaluates.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './harness';

const BIN = join(__dirname, '..', 'bin', 'kanri.js');

describe('kanri config-rules', () => {
  it('lists the catalogue and which rules really evaluate', async () => {
    const all = (await run(process.execPath, [BIN, 'config-rules'])).stdout.trim().split('\n');
    const summary = /^(\d+) of (\d+) managed rules evaluate in kanri$/.exec(all[all.length - 1])!;
    expect(Number(summary[2])).toBeGreaterThan(800);
    expect(Number(summary[1])).toBeGreaterThanOrEqual(40);
    expect(all).toContain('evaluates  INCOMING_SSH_DISABLED');
    const implemented = (await run(process.execPath, [BIN, 'config-rules', '--implemented', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(implemented).toHaveLength(Number(summary[1]));
    expect(implemented.every((r) => r.implemented)).toBe(true);
    expect(implemented.find((r) => r.identifier === 'ENCRYPTED_VOLUMES')).toMatchObject({ resourceTypes: ['AWS::EC2::Volume'] });
  });
});
