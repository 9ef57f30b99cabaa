// Queue names, ARNs and URLs. A URL is AWS's shape with kanri's host: http://<host>/<account>/<name>.
import { arn, parseArn } from '../../core/arn';
import type { RequestContext } from '../types';
import { invalidParameterValue, queueDoesNotExist, sqsError } from './errors';
import type { QueueKey } from './store';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

export function isFifoName(name: string): boolean {
  return name.endsWith('.fifo');
}

export function checkQueueName(name: string, fifo: boolean): void {
  if (fifo || isFifoName(name)) {
    if (!FIFO_NAME.test(name)) throw invalidParameterValue('The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
    return;
  }
  if (!NAME.test(name)) throw invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
}

export function queueArn(k: QueueKey): string {
  return arn('sqs', k.region, k.accountId, k.name);
}

export function queueUrl(ctx: Pick<RequestContext, 'host'> | undefined, k: QueueKey): string {
  const host = ctx?.host || 'localhost:4566';
  return `http://${host}/${k.accountId}/${k.name}`;
}

/** The queue a QueueUrl names: a full URL (any host), a path /<account>/<name>, or <account>/<name>. */
export function queueFromUrl(ctx: RequestContext, url: string): QueueKey {
  let path = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url);
  if (scheme) path = url.slice(scheme[0].length);
  const parts = path.split(/[?#]/)[0].split('/').filter(Boolean);
  if (parts.length < 1 || parts.length > 2 || (!scheme && parts.length === 1)) {
    throw sqsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);
  }
  const name = parts[parts.length - 1];
  const accountId = parts.length === 2 ? parts[0] : ctx.accountId;
  if (!/^\d{12}$/.test(accountId) || !/^[A-Za-z0-9_.-]{1,80}$/.test(name)) throw queueDoesNotExist();
  const regionInHost = scheme && /sqs\.([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(scheme[0]);
  return { accountId, region: regionInHost ? regionInHost[1] : ctx.region, name };
}

/** The queue an SQS ARN names; undefined when it is not one. */
export function queueFromArn(value: string): QueueKey | undefined {
  const p = parseArn(value);
  if (!p || p.service !== 'sqs' || !/^\d{12}$/.test(p.account) || !p.region || !p.resource || p.resource.includes(':')) return undefined;
  return { accountId: p.account, region: p.region, name: p.resource };
}
