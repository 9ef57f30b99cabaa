// Config across a kill -9 in the middle of a burst of changes: after the restart every committed
// change has exactly one item (none lost, none recorded twice), and recording goes on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueuesCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startProcess, TEST_CREDENTIALS } from './harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const opts = (url: string) => ({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
const QUEUES = 60;
const queueId = (name: string) => `https://sqs.us-east-1.amazonaws.com/000000000000/${name}`;

async function itemsOf(cfg: C.ConfigServiceClient, name: string): Promise<C.ConfigurationItem[] | undefined> {
  try {
    return (await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: 'AWS::SQS::Queue', resourceId: queueId(name), chronologicalOrder: 'Forward', limit: 100 }))).configurationItems!;
  } catch (err) {
    if ((err as Error).name === 'ResourceNotDiscoveredException') return undefined;
    throw err;
  }
}

describe('Config durability', () => {
  it('never loses or repeats an item across a kill -9 during a burst', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kanri-config-'));
    dirs.push(dataDir);
    const first = await startProcess(['--data-dir', dataDir]);
    let cfg = new C.ConfigServiceClient(opts(first.url));
    await new S3Client({ ...opts(first.url), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'config-durable' }));
    await cfg.send(new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN: 'arn:aws:iam::000000000000:role/config' } }));
    await cfg.send(new C.PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-durable' } }));
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));

    const sqs = new SQSClient(opts(first.url));
    const completed: string[] = [];
    let killed = false;
    const chains = Array.from({ length: QUEUES }, async (_, i) => {
      const name = `burst-${i}`;
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '77' } }));
      completed.push(name);
      if (completed.length === QUEUES / 2 && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    });
    await Promise.allSettled(chains);
    if (!killed) first.child.kill('SIGKILL');
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r)));
    expect(completed.length).toBeGreaterThanOrEqual(QUEUES / 2);

    const second = await startProcess(['--data-dir', dataDir]);
    try {
      cfg = new C.ConfigServiceClient(opts(second.url));
      const again = new SQSClient(opts(second.url));
      const urls = (await again.send(new ListQueuesCommand({ QueueNamePrefix: 'burst-', MaxResults: 1000 }))).QueueUrls ?? [];
      const existing = urls.map((u) => u.split('/').pop()!);
      for (const name of completed) expect(existing).toContain(name);
      const expected = new Map<string, number>();
      for (const url of urls) {
        const { Attributes } = await again.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }));
        expected.set(url.split('/').pop()!, Attributes!.VisibilityTimeout === '77' ? 2 : 1);
      }
      // Config resumes shortly after start and works through what the outbox still holds.
      let seen = new Map<string, C.ConfigurationItem[] | undefined>();
      for (let attempt = 0; attempt < 40; attempt++) {
        seen = new Map();
        for (let i = 0; i < QUEUES; i++) seen.set(`burst-${i}`, await itemsOf(cfg, `burst-${i}`));
        if ([...expected].every(([name, n]) => seen.get(name)?.length === n)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      for (let i = 0; i < QUEUES; i++) {
        const name = `burst-${i}`;
        const items = seen.get(name);
        if (!expected.has(name)) {
          expect(items).toBeUndefined();
          continue;
        }
        expect(items?.length, name).toBe(expected.get(name));
        expect(items!.map((x) => x.configurationItemStatus)).toEqual(items!.map(() => 'OK'));
        expect(JSON.parse(items![items!.length - 1].configuration!).VisibilityTimeout).toBe(expected.get(name) === 2 ? '77' : '30');
        expect(new Set(items!.map((x) => x.configurationStateId)).size).toBe(items!.length);
      }
      // Recording goes on after the restart.
      await again.send(new CreateQueueCommand({ QueueName: 'after-restart' }));
      let after: C.ConfigurationItem[] | undefined;
      for (let attempt = 0; attempt < 20 && !after; attempt++) {
        after = await itemsOf(cfg, 'after-restart');
        if (!after) await new Promise((r) => setTimeout(r, 100));
      }
      expect(after).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 60_000);
});
