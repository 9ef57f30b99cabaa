// CORS for browser clients (the SDK in a page): answer preflights and allow any origin, as LocalStack does.
import type { HttpRequest, HttpResponse } from '../protocol/codec';

const ALLOW_METHODS = 'HEAD,GET,PUT,POST,DELETE,OPTIONS,PATCH';
const EXPOSE = 'etag,x-amz-version-id,x-amz-request-id,x-amz-id-2,x-amzn-requestid,x-amzn-errortype,x-amz-delete-marker,x-amz-server-side-encryption,date';

export function preflight(req: HttpRequest): HttpResponse {
  const res: HttpResponse = { status: 200, headers: { 'content-length': '0' }, body: '' };
  applyCors(req, res);
  res.headers['access-control-allow-methods'] = ALLOW_METHODS;
  res.headers['access-control-allow-headers'] = req.headers['access-control-request-headers'] ?? '*';
  res.headers['access-control-max-age'] = '86400';
  return res;
}

export function applyCors(req: HttpRequest, res: HttpResponse): void {
  res.headers['access-control-allow-origin'] ??= req.headers.origin ?? '*';
  res.headers['access-control-expose-headers'] ??= EXPOSE;
  if (req.headers.origin) res.headers['access-control-allow-credentials'] ??= 'true';
}
