// Reads who signed a request and for which region and service: the SigV4 Authorization header,
// a presigned URL's X-Amz-Credential, or S3's legacy AWSAccessKeyId. (Signature checking is not enforced.)
import type { HttpRequest } from '../protocol/codec';
import { AwsError } from '../protocol/errors';

export interface Signing {
  accessKeyId: string;
  region?: string;
  service?: string;
  presigned: boolean;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

export function signingOf(req: HttpRequest): Signing | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = CREDENTIAL.exec(auth);
    if (m) return { accessKeyId: m[1], region: m[3], service: m[4], presigned: false };
    const legacy = /^AWS ([^:]+):/.exec(auth); // S3 signature version 2
    if (legacy) return { accessKeyId: legacy[1], presigned: false };
  }
  const credential = req.query['X-Amz-Credential']?.[0];
  if (credential) {
    const [accessKeyId, , region, service] = credential.split('/');
    return { accessKeyId, region, service, presigned: true };
  }
  const legacyKey = req.query.AWSAccessKeyId?.[0];
  if (legacyKey) return { accessKeyId: legacyKey, service: 's3', presigned: true };
  return undefined;
}

/** SigV4 presigned URLs live at most a week (X-Amz-Expires), as S3 documents. */
const MAX_EXPIRES_SECONDS = 604_800;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** X-Amz-Date's basic form (20261128T170000Z) as epoch ms, or NaN. */
function amzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/**
 * The error a presigned URL gets once its time is up (on the platform clock), as S3 answers it;
 * undefined while it is valid. SigV4 URLs carry X-Amz-Date + X-Amz-Expires, SigV2 ones Expires (epoch seconds).
 */
export function presignedUrlProblem(req: HttpRequest, nowMs: number): AwsError | undefined {
  const server = iso(nowMs);
  const date = req.query['X-Amz-Date']?.[0];
  if (date !== undefined) {
    const raw = req.query['X-Amz-Expires']?.[0];
    if (raw === undefined) return undefined; // no expiry asked for: the signature alone governs
    const seconds = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (Number.isNaN(seconds)) {
      return new AwsError('AuthorizationQueryParametersError', 'X-Amz-Expires should be a number', 400);
    }
    if (seconds > MAX_EXPIRES_SECONDS) {
      return new AwsError('AuthorizationQueryParametersError', `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_EXPIRES_SECONDS} seconds`, 400);
    }
    const signedAt = amzDate(date);
    if (Number.isNaN(signedAt)) {
      return new AwsError('AuthorizationQueryParametersError', `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`, 400);
    }
    const expires = signedAt + seconds * 1000;
    if (nowMs > expires) {
      return new AwsError('AccessDenied', 'Request has expired', 403, true, { 'X-Amz-Expires': String(seconds), Expires: iso(expires), ServerTime: server });
    }
    return undefined;
  }
  const legacy = req.query.Expires?.[0];
  if (legacy !== undefined && req.query.AWSAccessKeyId) {
    const expires = /^\d{1,12}$/.test(legacy) ? Number(legacy) * 1000 : NaN;
    if (Number.isNaN(expires) || nowMs > expires) {
      return new AwsError('AccessDenied', 'Request has expired', 403, true, { Expires: Number.isNaN(expires) ? legacy : iso(expires), ServerTime: server });
    }
  }
  return undefined;
}
