// CloudTrail events of concurrent calls, which group commit puts in shared batches: each answered
// call's event is there exactly once, and a refused call's once, with its error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
beforeAll(async () => { kanri = await startTestKanri(); });
afterAll(async () => { await kanri.stop(); });

const keyOf = (account: string) => ({ accessKeyId: account, secretAccessKey: 'x' }); // a 12-digit key acts as that account
const ssmOf = (account: string) => new SSMClient({ ...sdkConfig(kanri, 'us-east-1', keyOf(account)), maxAttempts: 1 });

/** PutParameter events of an account: requestID -> errorCodes seen (one entry per event). */
async function putEvents(account: string): Promise<Map<string, (string | undefined)[]>> {
  const ct = new CloudTrailClient(sdkConfig(kanri, 'us-east-1', keyOf(account)));
  const seen = new Map<string, (string | undefined)[]>();
  let token: string | undefined;
  do {
    const page: LookupEventsCommandOutput = await ct.send(new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutParameter' }], NextToken: token, MaxResults: 50,
    }));
    for (const e of page.Events ?? []) {
      const event = JSON.parse(e.CloudTrailEvent!);
      seen.set(event.requestID, [...(seen.get(event.requestID) ?? []), event.errorCode]);
    }
    token = page.NextToken;
  } while (token);
  return seen;
}

/** Sends a burst of puts at once (they share batches); n0 is put twice, so one of those is refused. */
async function burst(ssm: SSMClient, prefix: string, n: number) {
  const puts = [...Array.from({ length: n }, (_, i) => `${prefix}/p${i}`), `${prefix}/p0`]
    .map((Name) => ssm.send(new PutParameterCommand({ Name, Value: 'v', Type: 'String' })));
  const results = await Promise.allSettled(puts);
  const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.$metadata.requestId!] : []));
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  return { ok, refused };
}

describe('events of a group-commit batch', () => {
  it('keeps each answered call once, and a refused one once with its error', async () => {
    const ACCOUNT = '444455556666';
    const { ok, refused } = await burst(ssmOf(ACCOUNT), '/ctbatch', 30);
    expect(ok).toHaveLength(30);
    expect(refused.map((e) => e.name)).toEqual(['ParameterAlreadyExists']);
    const seen = await putEvents(ACCOUNT);
    for (const id of ok) expect(seen.get(id), id).toEqual([undefined]);
    expect(seen.get(refused[0].$metadata.requestId)).toEqual(['ParameterAlreadyExists']);
    expect(seen.size).toBe(31);
  });

});
