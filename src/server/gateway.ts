// The request path: errors → CORS → admin → identify → decode → invoke. Each step is small;
// service code never sees HTTP and codecs never know a service by name.
import type { Platform } from '../core/platform';
import { eventHistoryName } from '../core/events';
import type { Codec, HttpResponse } from '../protocol/codec';
import { codecFor } from '../protocol';
import { AwsError, frameworkError, internalError, notImplemented, PROTOCOL_ERROR_CODES } from '../protocol/errors';
import { loadModel, type ServiceModel } from '../protocol/model';
import { validateInput } from '../protocol/validate';
import { recordLater, recordNow, type ApiCall } from '../services/cloudtrail/recorder';
import type { TrailResource } from '../services/cloudtrail/store';
import type { RequestContext, ServicePlugin } from '../services/types';
import { KEY_RESOLVERS } from '../services';
import { handleAdmin } from './admin';
import { ensureBody, hasStreamingInput } from './body';
import { isClientAbort } from './body';
import { compose, type Step } from './compose';
import { applyCors, preflight } from './cors';
import { detectService, regionOf } from './detect';
import type { Exchange } from './exchange';
import { presignedUrlProblem, signingOf } from './sigv4';
import { CommitFailed, type GroupCommit } from '../storage/group-commit';

const KEY_ISSUERS = new Set(KEY_RESOLVERS.map(([, service]) => service));
const READ_ONLY_NAME = /^(Get|List|Describe|Lookup|Head|Search|Select|Check|BatchGet|Query|Scan|Test|Validate|Preview|Estimate|Simulate|Decode)/;

export function createGateway(platform: Platform, defaultRegion: string) {
  const answerErrors: Step<Exchange> = async (x, next) => {
    try {
      await next();
    } catch (err) {
      const error = err instanceof AwsError ? err : unexpected(err);
      x.res = errorResponse(x, error);
      if (x.op && x.model && x.principal) record(platform, x, { errorCode: error.code, errorMessage: error.message });
    }
  };

  const cors: Step<Exchange> = async (x, next) => {
    if (x.req.method === 'OPTIONS' && x.req.headers['access-control-request-method']) {
      x.res = preflight(x.req);
      return;
    }
    await next();
    if (x.res) applyCors(x.req, x.res);
  };

  const admin: Step<Exchange> = async (x, next) => {
    if (!x.req.path.startsWith('/_kanri/')) return next();
    const since = platform.storage.groupCommit.mark;
    x.res = await handleAdmin(platform, x.req);
    await platform.storage.groupCommit.afterCommit(since); // a reset or a clock move may have written into a batch
  };

  const identify: Step<Exchange> = async (x, next) => {
    // A form body may name the service by its API version; forms are small, so read them now.
    if ((x.req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) await ensureBody(x.req);
    x.signing = signingOf(x.req);
    x.service = detectService(x.req, x.signing);
    if (!x.service) throw new AwsError('UnknownService', 'kanri could not tell which service this request is for', 400);
    x.model = loadModel(x.service);
    x.codec = pickCodec(x.model, x.req.headers);
    x.region = regionOf(x.req, x.signing, defaultRegion);
    if (x.signing?.presigned) {
      const problem = presignedUrlProblem(x.req, platform.clock.now());
      if (problem) throw problem;
    }
    x.principal = platform.accounts.principalFor(x.signing?.accessKeyId ?? 'anonymous');
    if (x.principal.expired) {
      const code = x.codec.protocol.startsWith('json') || x.codec.protocol === 'rest-json' ? 'ExpiredTokenException' : 'ExpiredToken';
      throw new AwsError(code, 'The security token included in the request is expired', 403);
    }
    await next();
  };

  const decode: Step<Exchange> = async (x, next) => {
    const { model, codec } = x as Required<Pick<Exchange, 'model' | 'codec'>>;
    const rest = codec.protocol.startsWith('rest-'); // rest operations are named by method and path
    if (!rest) await ensureBody(x.req);
    x.op = codec.resolveOperation(x.req, model);
    if (!hasStreamingInput(model, x.op)) await ensureBody(x.req);
    x.input = codec.parse(x.req, model, x.op);
    const plugin = platform.service(x.service!);
    const problem = validateInput(model, x.op.input?.shape, x.input, plugin?.ownEnumShapes);
    if (problem) {
      if (!plugin?.validationErrorCode && codec.validationError) throw frameworkError(codec.validationError(problem, model, x.op));
      const code = plugin?.validationErrorCode ?? PROTOCOL_ERROR_CODES[codec.protocol]?.validation ?? 'ValidationException';
      throw frameworkError(new AwsError(code, problem, 400));
    }
    await next();
  };

  const invoke: Step<Exchange> = async (x) => {
    const plugin = platform.service(x.service!);
    const handler = plugin?.handlers[x.op!.name];
    if (!plugin || !handler) throw notImplemented(x.service!, x.op!.name);
    const resources: TrailResource[] = [];
    const ctx = requestContext(platform, x, resources);
    const readOnly = isReadOnly(plugin, x.op!.name);
    const batches = platform.storage.groupCommit;
    const since = batches.mark;
    let result: unknown;
    try {
      // The synchronous part runs in this turn's batch (see storage/group-commit.ts).
      result = batches.run(() => {
        const output = handler(x.input, ctx);
        if (!readOnly && !(output instanceof Promise)) record(platform, x, { output: output as Record<string, unknown>, resources }, true);
        return output;
      }, readOnly);
    } catch (err) {
      (x as { resources?: TrailResource[] }).resources = resources;
      throw await errorAfterCommit(batches, since, err);
    }
    if (!readOnly && KEY_ISSUERS.has(x.service!)) platform.accounts.forgetResolvedKeys();
    if (result instanceof Promise) {
      result = await result.catch(async (err) => { throw await errorAfterCommit(batches, since, err); });
      if (!readOnly) record(platform, x, { output: result as Record<string, unknown>, resources });
    }
    if (readOnly) record(platform, x, { resources }); // a read-only event has no responseElements: its queue keeps no output
    // Nothing is answered before the COMMIT that holds what it wrote or read.
    const committed = batches.afterCommit(since);
    if (committed) await committed;
    x.res = x.codec!.serialize(result as Record<string, unknown>, x.model!, x.op!, { requestId: x.requestId });
  };

  const run = compose<Exchange>([answerErrors, cors, admin, identify, decode, invoke]);

  return async function handle(x: Exchange): Promise<HttpResponse> {
    await run(x);
    const res = x.res!;
    res.headers['x-amzn-requestid'] ??= x.requestId;
    if (x.codec?.protocol === 'rest-xml') {
      res.headers['x-amz-request-id'] ??= x.requestId;
      res.headers['x-amz-id-2'] ??= Buffer.from(x.requestId).toString('base64');
    }
    return res;
  };
}

/** The error to answer once the COMMIT covering the request is through: even an error may tell of what a batch holds (a name another request of it took). */
async function errorAfterCommit(batches: GroupCommit, since: number, err: unknown): Promise<unknown> {
  await batches.afterCommit(since);
  return err;
}

const protocolLists = new WeakMap<ServiceModel, string[]>();

function pickCodec(model: ServiceModel, headers: Record<string, string>): Codec {
  // awsQueryCompatible services (SQS) still answer their former query protocol to older clients.
  let protocols = protocolLists.get(model);
  if (!protocols) {
    protocols = [...(model.metadata.protocols ?? [model.metadata.protocol]), ...(model.metadata.awsQueryCompatible ? ['query'] : [])];
    protocolLists.set(model, protocols);
  }
  const wanted = headers['x-amz-target'] && protocols.includes('json') ? 'json'
    : (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') && protocols.includes('query') ? 'query'
      : protocols.find((p) => codecFor(p)) ?? model.metadata.protocol;
  const codec = codecFor(wanted);
  if (!codec) throw new AwsError('UnsupportedProtocol', `kanri does not speak the ${wanted} protocol of ${model.name}`, 400);
  return codec;
}

function isReadOnly(plugin: ServicePlugin, operation: string): boolean {
  return READ_ONLY_NAME.test(operation) || !!plugin.readOnlyOperations?.includes(operation);
}

function requestContext(platform: Platform, x: Exchange, resources: TrailResource[]): RequestContext {
  const principal = x.principal!;
  const now = platform.clock.date();
  return {
    requestId: x.requestId, service: x.service!, operation: x.op!.name, accountId: principal.accountId, region: x.region,
    principal, sourceIp: x.sourceIp, userAgent: x.req.headers['user-agent'] ?? '', host: x.req.host, platform, now,
    touch: (type, name) => resources.push({ type, name }),
    emit: (change) => {
      const full = { accountId: principal.accountId, region: x.region, service: x.service!, time: now.toISOString(), requestId: x.requestId, ...change };
      platform.outbox.emit(full);
      resources.push({ type: full.resourceType, name: eventHistoryName(full) });
    },
  };
}

function record(platform: Platform, x: Exchange, extra: Partial<ApiCall>, now = false): void {
  const plugin = platform.service(x.service!);
  if (plugin?.dataEvents?.has(x.op!.name)) return;
  const call: ApiCall = {
    model: x.model!, operation: x.op!.name, inputShape: x.op!.input?.shape, outputShape: x.op!.output?.shape, input: x.input,
    principal: x.principal!, accountId: x.principal!.accountId, region: x.region, sourceIp: x.sourceIp,
    userAgent: x.req.headers['user-agent'] ?? '', requestId: x.requestId, time: platform.clock.date(),
    readOnly: plugin ? isReadOnly(plugin, x.op!.name) : READ_ONLY_NAME.test(x.op!.name),
    resources: (x as { resources?: TrailResource[] }).resources ?? [], redact: plugin?.redactMembers, ...extra,
  };
  if (now) recordNow(platform, call);
  else recordLater(platform, call);
}

function unexpected(err: unknown): AwsError {
  // The client hung up mid-body: nobody will read the answer, and it is not kanri's fault.
  if (isClientAbort(err)) return new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400);
  if (err instanceof CommitFailed) return internalError(); // logged once, where the COMMIT failed
  console.error('kanri: unexpected error:', err);
  return internalError();
}

function errorResponse(x: Exchange, error: AwsError): HttpResponse {
  if (x.codec && x.model) {
    try {
      const res = x.codec.serializeError(error, x.model, x.op, { requestId: x.requestId });
      res.headers = { ...error.headers, ...res.headers };
      return res;
    } catch (err) {
      console.error('kanri: error serializer failed:', err);
    }
  }
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': x.requestId, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
