// The durable delivery queue. A Publish (or Subscribe, for confirmations) writes one row per
// endpoint in its own transaction; the worker sends after the commit, retries on the clock, and a
// restart resumes whatever was not yet delivered.
import type { Row, Storage } from '../../../storage/database';
import type { MessageAttribute } from '../filter/match';

export type DeliveryKind = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

export interface RetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: string;
}

/** Everything a delivery needs, fixed when it is queued. */
export interface DeliveryPayload {
  type: DeliveryKind;
  messageId: string;
  topicArn: string;
  subscriptionArn: string;
  message: string;
  timestamp: string;
  subject?: string;
  attributes?: Record<string, MessageAttribute>;
  token?: string;
  raw?: boolean;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  signatureVersion: string;
  retry?: RetryPolicy;
  /** HTTP(S) only: the delivery policy's headerContentType. */
  contentType?: string;
  deadLetterTargetArn?: string;
}

export interface DeliveryRow {
  id: number;
  accountId: string;
  region: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  payload: DeliveryPayload;
  attempts: number;
  nextAt: number;
}

export function enqueueDelivery(storage: Storage, accountId: string, region: string, protocol: string, endpoint: string, payload: DeliveryPayload, now: number): void {
  storage.stmt(`INSERT INTO sns_deliveries (account_id, region, subscription_arn, kind, protocol, endpoint, payload, attempts, next_at, status, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'pending', ?)`)
    .run(accountId, region, payload.subscriptionArn, payload.type, protocol, endpoint, JSON.stringify(payload), now, now);
}

/** Due rows in queue order, leaving out endpoints ("protocol endpoint") that are busy. */
export function dueDeliveries(storage: Storage, now: number, limit: number, busy: string[] = []): DeliveryRow[] {
  return (storage.stmt(`SELECT * FROM sns_deliveries WHERE status = 'pending' AND next_at <= ?
                          AND (protocol || ' ' || endpoint) NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?`)
    .all(now, JSON.stringify(busy), limit) as Row[]).map((r) => ({
    id: r.id, accountId: r.account_id, region: r.region, subscriptionArn: r.subscription_arn, protocol: r.protocol, endpoint: r.endpoint,
    payload: JSON.parse(r.payload), attempts: r.attempts, nextAt: r.next_at,
  }));
}

export function nextPendingAt(storage: Storage): number | undefined {
  return (storage.stmt("SELECT MIN(next_at) AS t FROM sns_deliveries WHERE status = 'pending'").get() as Row).t ?? undefined;
}

export function markDelivered(storage: Storage, id: number): void {
  storage.stmt('DELETE FROM sns_deliveries WHERE id = ?').run(id);
}

export function markRetry(storage: Storage, id: number, attempts: number, nextAt: number, error: string, now: number): void {
  storage.stmt('UPDATE sns_deliveries SET attempts = ?, next_at = ?, last_error = ?, updated_at = ? WHERE id = ?').run(attempts, nextAt, error, now, id);
}

/** A delivery that gave up stays in the table, marked failed, for inspection. */
export function markFailed(storage: Storage, id: number, attempts: number, error: string, now: number): void {
  storage.stmt("UPDATE sns_deliveries SET status = 'failed', attempts = ?, last_error = ?, updated_at = ? WHERE id = ?").run(attempts, error, now, id);
}

/** Seconds before retry number n (1-based) under an HTTP retry policy, or undefined when retries are used up. */
export function retryDelaySeconds(p: RetryPolicy, n: number): number | undefined {
  if (n > p.numRetries) return undefined;
  if (n <= p.numNoDelayRetries) return 0;
  if (n <= p.numNoDelayRetries + p.numMinDelayRetries) return p.minDelayTarget;
  const backoff = p.numRetries - p.numNoDelayRetries - p.numMinDelayRetries - p.numMaxDelayRetries;
  const i = n - p.numNoDelayRetries - p.numMinDelayRetries;
  if (i > backoff) return p.maxDelayTarget;
  const f = backoff <= 1 ? 1 : (i - 1) / (backoff - 1);
  const { minDelayTarget: min, maxDelayTarget: max } = p;
  switch (p.backoffFunction) {
    case 'arithmetic': return Math.round(min + (max - min) * f * f);
    case 'geometric': return Math.round(min + (max - min) * f * f * f);
    case 'exponential': return Math.round(min * Math.pow(Math.max(max, 1) / Math.max(min, 1), f));
    default: return Math.round(min + (max - min) * f);
  }
}
