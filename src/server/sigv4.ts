// Reads who signed a request and for which region and service: the SigV4 Authorization header,
// a presigned URL's X-Amz-Credential, or S3's legacy AWSAccessKeyId. (Signature checking is not enforced.)
import type { HttpRequest } from '../protocol/codec';

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
