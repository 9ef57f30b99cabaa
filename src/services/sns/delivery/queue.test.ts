import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, type RetryPolicy } from './queue';
import { stringToSign } from './envelope';

const policy = (p: Partial<RetryPolicy>): RetryPolicy => ({
  minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numNoDelayRetries: 0, numMinDelayRetries: 0, numMaxDelayRetries: 0, backoffFunction: 'linear', ...p,
});

describe('HTTP retry delays', () => {
  it("follows AWS's default: three retries, 20 s apart", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(policy({}), n))).toEqual([20, 20, 20, undefined]);
  });

  it('goes through the immediate, pre-backoff, backoff and post-backoff phases', () => {
    const p = policy({ numRetries: 8, numNoDelayRetries: 1, numMinDelayRetries: 2, numMaxDelayRetries: 2, minDelayTarget: 10, maxDelayTarget: 40 });
    expect(Array.from({ length: 9 }, (_, i) => retryDelaySeconds(p, i + 1))).toEqual([0, 10, 10, 10, 25, 40, 40, 40, undefined]);
  });

  it('grows faster with steeper backoff functions', () => {
    const at = (backoffFunction: string) => retryDelaySeconds(policy({ numRetries: 5, minDelayTarget: 1, maxDelayTarget: 100, backoffFunction }), 3)!;
    expect(at('linear')).toBeGreaterThan(at('arithmetic'));
    expect(at('arithmetic')).toBeGreaterThan(at('geometric'));
    expect(at('exponential')).toBe(10);
  });
});

describe('the string SNS signs', () => {
  it('names each field of a notification, leaving out a missing Subject', () => {
    expect(stringToSign({ Type: 'Notification', MessageId: 'id', TopicArn: 'arn', Message: 'hi', Timestamp: 't' }))
      .toBe('Message\nhi\nMessageId\nid\nTimestamp\nt\nTopicArn\narn\nType\nNotification\n');
  });

  it('includes SubscribeURL and Token for a confirmation', () => {
    expect(stringToSign({ Type: 'SubscriptionConfirmation', MessageId: 'id', Token: 'tok', TopicArn: 'arn', Message: 'm', SubscribeURL: 'u', Timestamp: 't' }))
      .toBe('Message\nm\nMessageId\nid\nSubscribeURL\nu\nTimestamp\nt\nToken\ntok\nTopicArn\narn\nType\nSubscriptionConfirmation\n');
  });
});
