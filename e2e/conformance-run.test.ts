// The generated conformance run (scripts/conformance.py, botocore as the client): every variant it
// sends to the services kanri implements must get a declared answer. `npm run conformance` prints
// the per-service table; this test keeps it at zero failures.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { run } from './harness';

it('answers every generated request variant as the model allows', async () => {
  const script = join(__dirname, '..', 'scripts', 'conformance.py');
  const { stdout } = await run('python3', [script, '--allow-fail'], { maxBuffer: 32 << 20, timeout: 240_000 });
  const summary = /conformance: (\d+) passed, (\d+) failed/.exec(stdout);
  expect(summary, stdout.slice(-2000)).not.toBeNull();
  expect(Number(summary![1])).toBeGreaterThan(1000);
  expect(Number(summary![2]), stdout.slice(-4000)).toBe(0);
}, 300_000);
