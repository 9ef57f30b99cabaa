// The log file builder: AWS's object key layout and a gzipped {"Records":[...]} body.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { logFileBody, logFileKey, randomSuffix } from './log-file';

describe('logFileKey', () => {
  const at = new Date('2026-03-04T05:06:59.999Z');

  it('lays the key out as AWS does, with the delivery time to the minute', () => {
    const key = logFileKey({ accountId: '111122223333', region: 'eu-west-1', at, suffix: 'Mu0KsOhtH1ar15ZZ' });
    expect(key).toBe('AWSLogs/111122223333/CloudTrail/eu-west-1/2026/03/04/111122223333_CloudTrail_eu-west-1_20260304T0506Z_Mu0KsOhtH1ar15ZZ.json.gz');
  });

  it('puts the trail prefix first, with one slash whether or not it ends in one', () => {
    for (const prefix of ['audit/prod', 'audit/prod/']) {
      expect(logFileKey({ prefix, accountId: '111122223333', region: 'us-east-1', at, suffix: 'x'.repeat(16) }))
        .toMatch(/^audit\/prod\/AWSLogs\/111122223333\/CloudTrail\/us-east-1\/2026\/03\/04\//);
    }
  });

  it('ends in 16 random letters and digits, different each time', () => {
    const pattern = /^AWSLogs\/000000000000\/CloudTrail\/us-east-1\/2026\/03\/04\/000000000000_CloudTrail_us-east-1_20260304T0506Z_[A-Za-z0-9]{16}\.json\.gz$/;
    const a = logFileKey({ accountId: '000000000000', region: 'us-east-1', at });
    const b = logFileKey({ accountId: '000000000000', region: 'us-east-1', at });
    expect(a).toMatch(pattern);
    expect(b).toMatch(pattern);
    expect(a).not.toBe(b);
    expect(randomSuffix()).toMatch(/^[A-Za-z0-9]{16}$/);
  });
});

describe('logFileBody', () => {
  it('is gzip of a JSON document whose Records are the events, in order', () => {
    const events = [{ eventName: 'AssumeRole', eventID: '1' }, { eventName: 'GetCallerIdentity', eventID: '2', requestParameters: null }];
    const body = logFileBody(events.map((e) => JSON.stringify(e)));
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual({ Records: events });
  });

  it('writes an empty Records list as valid JSON', () => {
    expect(JSON.parse(gunzipSync(logFileBody([])).toString('utf8'))).toEqual({ Records: [] });
  });
});
