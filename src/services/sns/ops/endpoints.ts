// Which endpoints a protocol accepts, and which subscriptions start confirmed: AWS confirms SQS and
// Lambda endpoints of the same account and SMS at once; HTTP(S), email and other accounts' queues wait.
import { invalidParameter } from '../errors';
import type { TopicRow } from '../store';

const SQS_ARN = /^arn:aws[\w-]*:sqs:[a-z0-9-]+:(\d{12}):([\w-]{1,75}\.fifo|[\w-]{1,80})$/;
const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:(\d{12}):function:[\w-]{1,64}(:[\w$-]{1,128})?$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[1-9]\d{1,14}$/;

export function checkEndpoint(topic: TopicRow, protocol: string, endpoint: string | undefined): string {
  const value = endpoint ?? '';
  const fail = (what: string) => invalidParameter(`Invalid parameter: ${what}`);
  if (topic.fifo && protocol !== 'sqs') throw fail(`Invalid protocol type: ${protocol}`);
  switch (protocol) {
    case 'sqs':
      if (!SQS_ARN.test(value)) throw fail('SQS endpoint ARN');
      if (!topic.fifo && value.endsWith('.fifo')) throw fail('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      return value;
    case 'lambda':
      if (!LAMBDA_ARN.test(value)) throw fail('Lambda endpoint ARN');
      return value;
    case 'http':
    case 'https': {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch { /* reported below */ }
      if (!url || url.protocol !== `${protocol}:` || !url.hostname) throw fail('Endpoint must match the specified protocol');
      return value;
    }
    case 'email':
    case 'email-json':
      if (!EMAIL.test(value) || value.length > 254) throw fail('Email address');
      return value;
    case 'sms':
      if (!PHONE.test(value.replace(/[\s()-]/g, ''))) throw fail(`Invalid SMS endpoint: ${value}`);
      return value.replace(/[\s()-]/g, '');
    case 'application':
      throw fail('Endpoint Reason: No endpoint found for the target arn specified (kanri has no platform applications)');
    case 'firehose':
      throw fail('Endpoint Reason: kanri does not deliver to Kinesis Data Firehose');
    default:
      throw fail(`Amazon SNS does not support this protocol string: ${protocol}`);
  }
}

export function confirmedOnSubscribe(topic: TopicRow, protocol: string, endpoint: string, callerAccount: string): boolean {
  if (protocol === 'sms') return true;
  if (protocol !== 'sqs' && protocol !== 'lambda') return false;
  const account = (protocol === 'sqs' ? SQS_ARN : LAMBDA_ARN).exec(endpoint)?.[1];
  return account === topic.accountId || account === callerAccount;
}
