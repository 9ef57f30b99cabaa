// The gateway as a client sees it: headers, CORS, gzip, admin routes and honest errors.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
beforeAll(async () => { kanri = await startTestKanri(); });
afterAll(async () => { await kanri.stop(); });

const STS_AUTH = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-west-2/sts/aws4_request, SignedHeaders=host, Signature=00';

function post(path: string, body: string | Buffer, headers: Record<string, string>) {
  return fetch(`${kanri.url}${path}`, { method: 'POST', body, headers });
}

describe('request handling', () => {
  it('sets request ids in AWS headers and answers query XML', async () => {
    const res = await post('/', 'Action=GetCallerIdentity&Version=2011-06-15', { 'content-type': 'application/x-www-form-urlencoded', authorization: STS_AUTH });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-amzn-requestid');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const xml = await res.text();
    expect(xml).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(xml).toContain(`<RequestId>${id}</RequestId>`);
  });

  it('accepts gzip-encoded bodies', async () => {
    const res = await post('/', gzipSync('Action=GetCallerIdentity&Version=2011-06-15'), {
      'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip', authorization: STS_AUTH,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Account>000000000000</Account>');
  });

  it('answers CORS preflights for browser clients', async () => {
    const res = await fetch(`${kanri.url}/`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-amz-target' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,x-amz-target');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('says InvalidAction for an unknown query action', async () => {
    const res = await post('/', 'Action=MakeCoffee&Version=2011-06-15', { 'content-type': 'application/x-www-form-urlencoded', authorization: STS_AUTH });
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain('<Code>InvalidAction</Code>');
    expect(xml).toContain('The action MakeCoffee is not valid for this web service.');
  });

  it('says UnknownOperationException for an unknown json target', async () => {
    const res = await post('/', '{}', {
      'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.MakeCoffee',
      authorization: STS_AUTH.replace('/sts/', '/cloudtrail/'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).__type).toBe('UnknownOperationException');
  });

  it('answers malformed JSON with SerializationException, not a crash', async () => {
    const res = await post('/', '{"Name": ', {
      'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter', authorization: STS_AUTH.replace('/sts/', '/ssm/'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).__type).toBe('SerializationException');
  });

  it('answers a modelled operation kanri has not built with 501 NotImplemented naming it', async () => {
    const kms = new KMSClient(sdkConfig(kanri));
    const err = await kms.send(new GetPublicKeyCommand({ KeyId: 'alias/none' })).catch((e) => e);
    expect(err.$metadata.httpStatusCode).toBe(501);
    expect(err.name).toBe('NotImplemented');
    expect(err.message).toContain('kms.GetPublicKey');
  });

  it('validates before answering 501, with the service validation error', async () => {
    const res = await post('/', '{}', {
      'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameter', authorization: STS_AUTH.replace('/sts/', '/ssm/'),
    });
    expect(res.status).toBe(400);
    expect((await res.json()) as any).toEqual({ __type: 'ValidationException', message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null" });
  });
});

describe('admin routes', () => {
  it('reports health per service', async () => {
    const health = (await (await fetch(`${kanri.url}/_kanri/health`)).json()) as any;
    expect(health.status).toBe('healthy');
    expect(health.services.sts).toMatch(/running|available/);
    expect(health.services.support).toBe('modelled');
  });

  it('moves the clock by an ISO-8601 duration', async () => {
    const before = (await (await fetch(`${kanri.url}/_kanri/clock`)).json()) as any;
    const after = (await (await post('/_kanri/clock', JSON.stringify({ advance: 'PT6H' }), {})).json()) as any;
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(6 * 3_600_000);
    expect(after.offsetMs - before.offsetMs).toBe(6 * 3_600_000);
    const bad = await post('/_kanri/clock', JSON.stringify({ advance: 'six hours' }), {});
    expect(bad.status).toBe(400);
  });

  it('resets one service or everything', async () => {
    expect((await post('/_kanri/reset', JSON.stringify({ service: 'sts' }), {})).status).toBe(200);
    expect((await post('/_kanri/reset', JSON.stringify({ service: 'nope' }), {})).status).toBe(400);
    expect((await (await post('/_kanri/reset', '', {})).json()) as any).toEqual({ reset: 'all' });
  });
});
