// Sends queued notifications (s3_notifications) after their write has committed, through the
// destination service's exported functions: SQS sendToQueue, SNS publishToTopic, Lambda
// invokeAsync, EventBridge putEvent. A failed send is retried with backoff; a destination that is
// gone (a 4xx) or a send that keeps failing is dropped with one log line, as S3 drops it.
import type { Platform } from '../../core/platform';
import { AwsError } from '../../protocol/errors';
import { requireApi } from '../links';

interface Pending { id: number; account_id: string; region: string; bucket: string; kind: string; destination: string; body: string; attempts: number }

const MAX_ATTEMPTS = 8;
const scheduled = new WeakSet<Platform>();
const running = new WeakSet<Platform>();

/** Delivers soon: after the current transaction commits (the request path finishes synchronously). */
export function scheduleDelivery(platform: Platform, delayMs = 0): void {
  if (scheduled.has(platform)) return;
  scheduled.add(platform);
  const run = () => {
    scheduled.delete(platform);
    void deliverPending(platform).catch((err) => console.error(`kanri: s3 notification delivery failed: ${err.message}`));
  };
  if (delayMs) setTimeout(run, delayMs).unref();
  else setImmediate(run);
}

async function send(platform: Platform, n: Pending): Promise<void> {
  switch (n.kind) {
    case 'sqs':
      return void requireApi<{ sendToQueue: Function }>('sqs').sendToQueue(platform, n.destination, { body: n.body, senderId: 'AIDAS3NOTIFICATIONS' });
    case 'sns':
      return void requireApi<{ publishToTopic: Function }>('sns').publishToTopic(platform, n.destination, { message: n.body, subject: 'Amazon S3 Notification' });
    case 'lambda':
      return requireApi<{ invokeAsync: Function }>('lambda').invokeAsync(platform, n.destination, n.body);
    case 'events': {
      const entry = JSON.parse(n.body);
      return void requireApi<{ putEvent: Function }>('events').putEvent(platform, n.account_id, n.region, entry);
    }
    default:
      throw new AwsError('InvalidArgument', `unknown destination kind ${n.kind}`, 400);
  }
}

export async function deliverPending(platform: Platform): Promise<void> {
  if (running.has(platform) || !platform.storage.db.open) return;
  running.add(platform);
  try {
    // Read only what has committed: a notification queued in an open batch may yet be rolled back.
    for (let open = platform.storage.groupCommit.pending(); open; open = platform.storage.groupCommit.pending()) await open;
    // S3 first loaded in a batch that rolled back lost its tables; its next load schedules again.
    if (!platform.loadedServices.includes('s3') || !platform.storage.db.open) return;
    const batch = platform.storage.stmt('SELECT * FROM s3_notifications WHERE attempts < ? ORDER BY id LIMIT 100').all(MAX_ATTEMPTS) as Pending[];
    let retry = false;
    for (const n of batch) {
      try {
        await send(platform, n);
        platform.storage.stmt('DELETE FROM s3_notifications WHERE id = ?').run(n.id);
      } catch (err) {
        const gone = err instanceof AwsError && err.status < 500;
        if (gone || n.attempts + 1 >= MAX_ATTEMPTS) {
          console.error(`kanri: s3 dropped a notification of bucket ${n.bucket} to ${n.destination}: ${(err as Error).message}`);
          platform.storage.stmt('DELETE FROM s3_notifications WHERE id = ?').run(n.id);
        } else {
          platform.storage.stmt('UPDATE s3_notifications SET attempts = attempts + 1 WHERE id = ?').run(n.id);
          retry = true;
        }
      }
    }
    if (batch.length === 100) scheduleDelivery(platform);
    else if (retry) scheduleDelivery(platform, 1000);
  } finally {
    running.delete(platform);
  }
}
