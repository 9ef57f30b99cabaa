import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../protocol/codec';
import { presignedUrlProblem, signingOf } from './sigv4';

const req = (query: Record<string, string>): HttpRequest => ({
  method: 'GET', path: '/b/k', headers: {}, body: Buffer.alloc(0), host: 'localhost',
  query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
});
const SIGNED_AT = Date.UTC(2026, 10, 28, 12, 0, 0);
const v4 = (expires: string) => req({
  'X-Amz-Credential': 'AKIAIOSFODNN7EXAMPLE/20261128/eu-west-1/s3/aws4_request', 'X-Amz-Date': '20261128T120000Z', 'X-Amz-Expires': expires,
});

describe('presigned URLs', () => {
  it('reads who signed and where from X-Amz-Credential', () => {
    expect(signingOf(v4('60'))).toEqual({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', region: 'eu-west-1', service: 's3', presigned: true });
  });

  it('are valid up to X-Amz-Date + X-Amz-Expires and expired one second later', () => {
    expect(presignedUrlProblem(v4('60'), SIGNED_AT + 60_000)).toBeUndefined();
    const err = presignedUrlProblem(v4('60'), SIGNED_AT + 61_000)!;
    expect([err.code, err.status, err.message]).toEqual(['AccessDenied', 403, 'Request has expired']);
    expect(err.fields).toEqual({ 'X-Amz-Expires': '60', Expires: '2026-11-28T12:01:00Z', ServerTime: '2026-11-28T12:01:01Z' });
  });

  it('refuses expiries past a week and malformed values', () => {
    expect(presignedUrlProblem(v4('604800'), SIGNED_AT)).toBeUndefined();
    expect(presignedUrlProblem(v4('604801'), SIGNED_AT)!.code).toBe('AuthorizationQueryParametersError');
    expect(presignedUrlProblem(v4('-5'), SIGNED_AT)!.code).toBe('AuthorizationQueryParametersError');
    const badDate = req({ 'X-Amz-Date': '2026-11-28', 'X-Amz-Expires': '60' });
    expect(presignedUrlProblem(badDate, SIGNED_AT)!.code).toBe('AuthorizationQueryParametersError');
  });

  it('honour SigV2 Expires (epoch seconds)', () => {
    const legacy = (expires: string) => req({ AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Expires: expires, Signature: 'x' });
    expect(presignedUrlProblem(legacy(String(SIGNED_AT / 1000 + 10)), SIGNED_AT)).toBeUndefined();
    expect(presignedUrlProblem(legacy(String(SIGNED_AT / 1000 - 1)), SIGNED_AT)!.code).toBe('AccessDenied');
    expect(presignedUrlProblem(legacy('soon'), SIGNED_AT)!.code).toBe('AccessDenied');
  });
});
