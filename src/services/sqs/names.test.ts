import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../types';
import { checkQueueName, queueFromArn, queueFromUrl } from './names';
import { decodeReceiptHandle, encodeReceiptHandle } from './receive';

const ctx = { accountId: '000000000000', region: 'us-east-1' } as RequestContext;

describe('SQS queue names', () => {
  it('reads a QueueUrl in its usual forms', () => {
    const want = { accountId: '123456789012', region: 'us-east-1', name: 'q' };
    expect(queueFromUrl(ctx, 'http://localhost:4566/123456789012/q')).toEqual(want);
    expect(queueFromUrl(ctx, '/123456789012/q')).toEqual(want);
    expect(queueFromUrl(ctx, '123456789012/q')).toEqual(want);
    expect(queueFromUrl(ctx, 'https://sqs.eu-west-1.amazonaws.com/123456789012/q')).toEqual({ ...want, region: 'eu-west-1' });
    expect(queueFromUrl(ctx, 'http://127.0.0.1:4566/q')).toEqual({ ...want, accountId: '000000000000' });
    expect(() => queueFromUrl(ctx, 'q')).toThrow(expect.objectContaining({ code: 'InvalidAddress' }));
    expect(() => queueFromUrl(ctx, 'http://h/1/2/3')).toThrow(expect.objectContaining({ code: 'InvalidAddress' }));
  });

  it('reads queue ARNs and checks names', () => {
    expect(queueFromArn('arn:aws:sqs:us-east-1:123456789012:q.fifo')).toEqual({ accountId: '123456789012', region: 'us-east-1', name: 'q.fifo' });
    expect(queueFromArn('arn:aws:sns:us-east-1:123456789012:q')).toBeUndefined();
    expect(() => checkQueueName('a'.repeat(81), false)).toThrow();
    expect(() => checkQueueName('ok-name_1', false)).not.toThrow();
    expect(() => checkQueueName('x.fifo', true)).not.toThrow();
    expect(() => checkQueueName('x', true)).toThrow();
  });

  it('round-trips receipt handles and rejects junk', () => {
    const h = encodeReceiptHandle({ accountId: '1', region: 'r', name: 'n' }, 'm', 't');
    expect(decodeReceiptHandle(h)).toEqual({ accountId: '1', region: 'r', name: 'n', messageId: 'm', token: 't' });
    expect(decodeReceiptHandle('junk!')).toBeUndefined();
    expect(decodeReceiptHandle(Buffer.from('{"a":1}').toString('base64'))).toBeUndefined();
  });
});
