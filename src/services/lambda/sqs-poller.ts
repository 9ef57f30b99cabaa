// The SQS poller behind event source mappings. Like Lambda's own pollers it is an SQS client: it
// long-polls the queue through kanri's endpoint (ReceiveMessage, DeleteMessageBatch), invokes the
// function with a batch, and deletes what succeeded. Failed messages come back after the queue's
// visibility timeout, and the queue's redrive policy moves them to a dead-letter queue.
import type { Platform } from '../../core/platform';
import { parseArn } from '../../core/arn';
import { execute, executionEnabled } from './invoke';
import { parseFunctionArn } from './names';
import { resolveRef } from './resolve';
import { allMappings, mappingById, type MappingRow } from './store';

const IDLE_MS = 1000;
const WAIT_SECONDS = 2;

interface Poller { uuid: string; stop: AbortController }

const pollers = new WeakMap<Platform, Map<string, Poller>>();

/** Starts a loop for every enabled mapping and stops the rest; called after each change (post-commit) and at start-up. */
export function syncPollers(platform: Platform): void {
  setImmediate(() => {
    if (!platform.storage.db.open) return;
    let running = pollers.get(platform);
    if (!running) {
      const created = new Map<string, Poller>();
      running = created;
      pollers.set(platform, created);
      platform.onClose(() => {
        for (const p of created.values()) p.stop.abort();
        created.clear();
      });
    }
    const wanted = new Set(allMappings(platform.storage).filter((m) => m.config.Enabled !== false).map((m) => m.uuid));
    for (const [uuid, p] of running) {
      if (!wanted.has(uuid)) {
        p.stop.abort();
        running.delete(uuid);
      }
    }
    for (const uuid of wanted) {
      if (running.has(uuid)) continue;
      const p: Poller = { uuid, stop: new AbortController() };
      running.set(uuid, p);
      void loop(platform, p);
    }
  });
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  t.unref();
  signal.addEventListener('abort', () => {
    clearTimeout(t);
    resolve();
  }, { once: true });
});

async function loop(platform: Platform, p: Poller): Promise<void> {
  while (!p.stop.signal.aborted) {
    try {
      const m = platform.storage.db.open ? mappingById(platform.storage, p.uuid) : undefined;
      if (!m || m.config.Enabled === false) return;
      if (!executionEnabled(platform) || !(await pollOnce(platform, m, p.stop.signal))) await sleep(IDLE_MS, p.stop.signal);
    } catch (err) {
      if (p.stop.signal.aborted) return;
      console.error(`kanri: event source mapping ${p.uuid}: ${(err as Error).message}`);
      await sleep(IDLE_MS, p.stop.signal);
    }
  }
}

/** Calls SQS's JSON protocol on kanri's own endpoint, as the queue owner. */
async function sqsCall(platform: Platform, target: string, accountId: string, region: string, body: unknown, signal: AbortSignal): Promise<any> {
  const endpoint = platform.endpoint;
  if (!endpoint) throw new Error('kanri has no endpoint to reach SQS on');
  const day = new Date(platform.clock.now()).toISOString().slice(0, 10).replace(/-/g, '');
  const res = await fetch(endpoint, {
    method: 'POST', signal, body: JSON.stringify(body),
    headers: {
      'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${target}`,
      // A 12-digit access key acts as that account; kanri does not check signatures unless told to.
      authorization: `AWS4-HMAC-SHA256 Credential=${accountId}/${day}/${region}/sqs/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
    },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`SQS ${target} answered ${res.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : {};
}

function lambdaAttributes(attrs: Record<string, any> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, a] of Object.entries(attrs ?? {})) {
    out[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}), ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
      stringListValues: [], binaryListValues: [], dataType: a.DataType,
    };
  }
  return out;
}

/** Receives one batch and runs it; answers whether there was anything to run. */
async function pollOnce(platform: Platform, m: MappingRow, signal: AbortSignal): Promise<boolean> {
  const queue = parseArn(m.eventSourceArn)!;
  const queueUrl = `${platform.endpoint}/${queue.account}/${queue.resource}`;
  const fnRef = parseFunctionArn(m.config.FunctionArn);
  if (!fnRef) return false;
  let resolved;
  try {
    resolved = resolveRef(platform, fnRef, Math.random());
  } catch {
    return false; // the function is gone; the mapping stays, as in AWS, and the messages wait
  }
  const messages: any[] = [];
  const batchSize: number = m.config.BatchSize;
  const windowEnds = Date.now() + m.config.MaximumBatchingWindowInSeconds * 1000;
  while (messages.length < batchSize && !signal.aborted) {
    const got = await sqsCall(platform, 'ReceiveMessage', queue.account, queue.region, {
      QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
      WaitTimeSeconds: messages.length ? 0 : WAIT_SECONDS, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'],
    }, signal);
    const batch = got.Messages ?? [];
    messages.push(...batch);
    if (!batch.length && (messages.length === 0 || Date.now() >= windowEnds)) break;
  }
  if (!messages.length) return false;
  const event = {
    Records: messages.map((msg) => ({
      messageId: msg.MessageId, receiptHandle: msg.ReceiptHandle, body: msg.Body, attributes: msg.Attributes ?? {},
      messageAttributes: lambdaAttributes(msg.MessageAttributes), md5OfBody: msg.MD5OfBody,
      ...(msg.MD5OfMessageAttributes ? { md5OfMessageAttributes: msg.MD5OfMessageAttributes } : {}),
      eventSource: 'aws:sqs', eventSourceARN: m.eventSourceArn, awsRegion: queue.region,
    })),
  };
  const result = await execute(platform, resolved, JSON.stringify(event)).catch(() => undefined);
  let done: any[] = [];
  if (result && !result.functionError) {
    done = messages;
    if ((m.config.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures')) {
      const failed = new Set(batchItemFailures(result.payload));
      done = failed.has('*') ? [] : messages.filter((msg) => !failed.has(msg.MessageId));
    }
  }
  for (let i = 0; i < done.length; i += 10) {
    await sqsCall(platform, 'DeleteMessageBatch', queue.account, queue.region, {
      QueueUrl: queueUrl, Entries: done.slice(i, i + 10).map((msg, j) => ({ Id: String(i + j), ReceiptHandle: msg.ReceiptHandle })),
    }, signal);
  }
  return true;
}

/** The message ids a ReportBatchItemFailures response names; '*' when the response is malformed (the whole batch failed). */
function batchItemFailures(payload: string): string[] {
  try {
    const body = JSON.parse(payload);
    if (body === null || body === undefined || body.batchItemFailures === undefined) return [];
    if (!Array.isArray(body.batchItemFailures)) return ['*'];
    return body.batchItemFailures.map((f: any) => (typeof f?.itemIdentifier === 'string' && f.itemIdentifier ? f.itemIdentifier : '*'));
  } catch {
    return [];
  }
}
