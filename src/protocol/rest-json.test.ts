// The rest-json codec against @aws-sdk/client-lambda: what the client sends must parse back to the input it
// was given, and what the codec answers (outputs and errors) must parse to what we meant.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as Lambda from '@aws-sdk/client-lambda';
import { HttpResponse as SdkResponse } from '@smithy/core/transport';
import type { HttpRequest, HttpResponse } from './codec';
import { AwsError } from './errors';
import { loadModel } from './model';
import { restJsonCodec } from './rest-json';

const model = loadModel('lambda');
const meta = { requestId: 'req-1' };

interface SdkRequest { method: string; path: string; query?: Record<string, string | string[] | null>; headers: Record<string, string>; body?: unknown; hostname: string; port?: number }

async function bodyBuffer(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string' || body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const c of body as Readable) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

/** The request as kanri's listener would hand it over: lower-case headers, decoded query multi-map. */
async function toHttpRequest(r: SdkRequest): Promise<HttpRequest> {
  const query: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(r.query ?? {})) query[k] = v === null ? [''] : Array.isArray(v) ? v : [v];
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: r.method, path: r.path, query, headers, body: await bodyBuffer(r.body), host: `${r.hostname}${r.port ? `:${r.port}` : ''}` };
}

/** A Lambda client whose transport records each request and answers with `reply`. */
function fakeClient(reply: () => HttpResponse = () => ({ status: 200, headers: {}, body: '{}' })) {
  const sent: HttpRequest[] = [];
  const requestHandler = {
    async handle(request: SdkRequest) {
      sent.push(await toHttpRequest(request));
      const res = reply();
      const body = res.body instanceof Readable ? res.body : Readable.from([Buffer.from(res.body)]);
      return { response: new SdkResponse({ statusCode: res.status, headers: res.headers, body }) };
    },
  };
  const client = new Lambda.LambdaClient({
    region: 'us-east-1', endpoint: 'http://localhost:4566', maxAttempts: 1,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, requestHandler: requestHandler as never,
  });
  return { client, sent };
}

function decode(req: HttpRequest): { op: string; input: Record<string, unknown> } {
  const op = restJsonCodec.resolveOperation(req, model);
  return { op: op.name, input: restJsonCodec.parse(req, model, op) };
}

/** Sends `command` and returns what the codec reads from the wire. */
async function roundTrip(command: { input: object }): Promise<{ op: string; input: Record<string, unknown> }> {
  const { client, sent } = fakeClient();
  await client.send(command as never).catch(() => undefined);
  return decode(sent[0]);
}

/** The SDK's parsed output for `output`, serialized by the codec as `opName`'s answer. */
async function sdkOutput(opName: string, command: object, output: Record<string, unknown>) {
  const { client } = fakeClient(() => restJsonCodec.serialize(output, model, model.operations[opName], meta));
  const { $metadata, ...parsed } = (await client.send(command as never)) as unknown as Record<string, unknown>;
  return { parsed, $metadata: $metadata as { httpStatusCode: number; requestId?: string } };
}

function request(method: string, path: string, body = '', query: Record<string, string[]> = {}): HttpRequest {
  return { method, path, query, headers: { 'content-type': 'application/json' }, body: Buffer.from(body), host: 'localhost:4566' };
}

describe('rest-json requests from @aws-sdk/client-lambda', () => {
  const inputs: [string, object][] = [
    ['CreateFunction', {
      FunctionName: 'orders-api', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/lambda', Handler: 'index.handler',
      Code: { ZipFile: Buffer.from('PK\u0003\u0004zip-bytes') }, Timeout: 30, MemorySize: 256, Publish: true,
      Environment: { Variables: { STAGE: 'prod', 'EMPTY': '' } }, Tags: { team: 'sysops', 'cost center': '42' },
      Layers: ['arn:aws:lambda:us-east-1:000000000000:layer:a:1'], Architectures: ['arm64'],
      VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'] }, TracingConfig: { Mode: 'Active' },
    }],
    ['Invoke', {
      FunctionName: 'orders-api', Qualifier: 'live', InvocationType: 'RequestResponse', LogType: 'Tail',
      ClientContext: Buffer.from('{"custom":{"a":1}}').toString('base64'), Payload: Buffer.from('{"order":17,"note":"ü & <b>"}'),
    }],
    ['GetFunction', { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:orders-api', Qualifier: '$LATEST' }],
    ['ListFunctions', { MasterRegion: 'ALL', FunctionVersion: 'ALL', Marker: 'opaque/token==', MaxItems: 25 }],
    ['UpdateFunctionConfiguration', { FunctionName: 'orders-api', Timeout: 60, Environment: { Variables: {} }, DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }],
    ['TagResource', { Resource: 'arn:aws:lambda:us-east-1:000000000000:function:orders-api', Tags: { env: 'prod' } }],
    ['UntagResource', { Resource: 'arn:aws:lambda:us-east-1:000000000000:function:orders-api', TagKeys: ['env', 'team name'] }],
    ['GetLayerVersion', { LayerName: 'shared-libs', VersionNumber: 3 }],
    ['GetLayerVersionByArn', { Arn: 'arn:aws:lambda:us-east-1:000000000000:layer:shared-libs:3' }],
    ['ListLayers', { CompatibleRuntime: 'python3.12', MaxItems: 5 }],
    ['ListProvisionedConcurrencyConfigs', { FunctionName: 'orders-api' }],
    ['PutFunctionConcurrency', { FunctionName: 'orders-api', ReservedConcurrentExecutions: 0 }],
    ['AddPermission', { FunctionName: 'orders-api', StatementId: 's3-invoke', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::bkt' }],
    ['ListDurableExecutionsByFunction', {
      FunctionName: 'orders-api', Statuses: ['RUNNING', 'SUCCEEDED'], StartedAfter: new Date('2024-02-03T04:05:06Z'),
      StartedBefore: new Date('2024-03-01T00:00:00.250Z'), ReverseOrder: true, MaxItems: 10,
    }],
    ['DeleteFunction', { FunctionName: 'orders-api', Qualifier: '7' }],
  ];

  it.each(inputs)('%s parses back to what was sent', async (name, input) => {
    const command = new (Lambda as unknown as Record<string, new (i: object) => { input: object }>)[`${name}Command`](input);
    const got = await roundTrip(command);
    expect(got.op).toBe(name);
    const expected = name === 'Invoke' ? { ...input, Payload: Buffer.from((input as { Payload: Buffer }).Payload) } : input;
    expect(got.input).toEqual(expected);
  });
});

describe('rest-json responses read by @aws-sdk/client-lambda', () => {
  const config = {
    FunctionName: 'orders-api', FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-api', Runtime: 'nodejs20.x',
    Role: 'arn:aws:iam::000000000000:role/lambda', Handler: 'index.handler', CodeSize: 1024, Timeout: 30, MemorySize: 256,
    LastModified: '2024-01-02T03:04:05.000+0000', Version: '$LATEST', State: 'Active',
    Environment: { Variables: { STAGE: 'prod' } }, Layers: [{ Arn: 'arn:aws:lambda:us-east-1:000000000000:layer:a:1', CodeSize: 10 }],
  };

  it('GetFunction', async () => {
    const output = { Configuration: config, Code: { RepositoryType: 'S3', Location: 'https://example.com/code.zip' }, Tags: { team: 'sysops' }, Concurrency: { ReservedConcurrentExecutions: 5 } };
    const { parsed, $metadata } = await sdkOutput('GetFunction', new Lambda.GetFunctionCommand({ FunctionName: 'orders-api' }), output);
    expect(parsed).toEqual(output);
    expect($metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-1' });
  });

  it('ListFunctions', async () => {
    const output = { Functions: [config, { ...config, FunctionName: 'second', Layers: undefined }].map((f) => JSON.parse(JSON.stringify(f))), NextMarker: 'next==' };
    const { parsed } = await sdkOutput('ListFunctions', new Lambda.ListFunctionsCommand({}), output);
    expect(parsed).toEqual(output);
  });

  it('Invoke: status code member, headers and a raw payload', async () => {
    const output = { StatusCode: 200, FunctionError: 'Unhandled', LogResult: Buffer.from('START\nEND').toString('base64'), ExecutedVersion: '7', Payload: Buffer.from('{"errorMessage":"boom"}') };
    const { parsed } = await sdkOutput('Invoke', new Lambda.InvokeCommand({ FunctionName: 'f' }), output);
    expect({ ...parsed, Payload: Buffer.from(parsed.Payload as Uint8Array) }).toEqual(output);
    const async = await sdkOutput('Invoke', new Lambda.InvokeCommand({ FunctionName: 'f', InvocationType: 'Event' }), { StatusCode: 202 });
    expect(async.parsed.StatusCode).toBe(202);
    expect(async.$metadata.httpStatusCode).toBe(202);
  });

  it('an empty 204 answer', async () => {
    const res = restJsonCodec.serialize(undefined, model, model.operations.TagResource, meta);
    expect(res).toMatchObject({ status: 204, body: '' });
    const { $metadata } = await sdkOutput('TagResource', new Lambda.TagResourceCommand({ Resource: 'arn', Tags: { a: 'b' } }), {});
    expect($metadata.httpStatusCode).toBe(204);
  });

  it('timestamps in a JSON body are epoch seconds', async () => {
    const output = { DurableExecutions: [{ DurableExecutionArn: 'arn:x', DurableExecutionName: 'n', FunctionArn: 'arn:f', Status: 'RUNNING', StartTimestamp: new Date('2024-02-03T04:05:06.5Z') }] };
    const res = restJsonCodec.serialize(output, model, model.operations.ListDurableExecutionsByFunction, meta);
    expect(JSON.parse(res.body as string).DurableExecutions[0].StartTimestamp).toBe(1706933106.5);
    const { parsed } = await sdkOutput('ListDurableExecutionsByFunction', new Lambda.ListDurableExecutionsByFunctionCommand({ FunctionName: 'f' }), output);
    expect(parsed).toEqual(output);
  });
});

describe('rest-json errors', () => {
  async function sdkError(err: AwsError, command: object = new Lambda.GetFunctionCommand({ FunctionName: 'nope' })) {
    const { client } = fakeClient(() => restJsonCodec.serializeError(err, model, model.operations.GetFunction, meta));
    return (await client.send(command as never).then(() => undefined, (e: unknown) => e)) as Record<string, unknown> & { $metadata: { httpStatusCode: number } };
  }

  it('a modelled error reaches the SDK by name, status and message', async () => {
    const err = await sdkError(new AwsError('ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope', 404, true, { Type: 'User' }));
    expect(err).toBeInstanceOf(Lambda.ResourceNotFoundException);
    expect(err.name).toBe('ResourceNotFoundException');
    expect(err.message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope');
    expect(err.Type).toBe('User');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('header-bound error members go in headers', async () => {
    const err = new AwsError('TooManyRequestsException', 'Rate exceeded', 429, true, { retryAfterSeconds: '3', Reason: 'CallerRateLimitExceeded' });
    const res = restJsonCodec.serializeError(err, model, undefined, meta);
    expect(res.headers).toMatchObject({ 'retry-after': '3', 'x-amzn-errortype': 'TooManyRequestsException', 'content-type': 'application/json' });
    expect(JSON.parse(res.body as string)).toEqual({ message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' });
    const sdk = await sdkError(err);
    expect(sdk).toMatchObject({ name: 'TooManyRequestsException', retryAfterSeconds: '3', Reason: 'CallerRateLimitExceeded' });
  });

  it('framework errors: malformed JSON, a wrong type, an unknown route', () => {
    const op = model.operations.CreateFunction;
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as AwsError;
      }
      throw new Error('expected an error');
    };
    const malformed = thrown(() => restJsonCodec.parse(request('POST', '/2015-03-31/functions', '{"FunctionName":'), model, op));
    expect(malformed).toMatchObject({ code: 'SerializationException', status: 400, framework: true });
    const wrongType = thrown(() => restJsonCodec.parse(request('POST', '/2015-03-31/functions', '{"FunctionName":"f","Timeout":"thirty"}'), model, op));
    expect(wrongType).toMatchObject({ code: 'SerializationException', message: "Unexpected string at 'Timeout': expected an integer" });
    const badQuery = thrown(() => restJsonCodec.parse(request('GET', '/2015-03-31/functions/', '', { MaxItems: ['ten'] }), model, model.operations.ListFunctions));
    expect(badQuery).toMatchObject({ code: 'SerializationException', status: 400 });
    const unknown = thrown(() => restJsonCodec.resolveOperation(request('GET', '/2015-03-31/nothing'), model));
    expect(unknown).toMatchObject({ code: 'UnknownOperationException', status: 404, message: 'No operation matches GET /2015-03-31/nothing' });
    const res = restJsonCodec.serializeError(malformed, model, undefined, meta);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'Unable to parse request body as JSON' });
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
  });

  it('an empty body is an empty object; body members never override bound ones', () => {
    const op = model.operations.GetFunction;
    expect(restJsonCodec.parse(request('GET', '/2015-03-31/functions/f'), model, op)).toEqual({ FunctionName: 'f' });
    const put = model.operations.PutFunctionConcurrency;
    const input = restJsonCodec.parse(request('PUT', '/2017-10-31/functions/real/concurrency', '{"FunctionName":"forged","ReservedConcurrentExecutions":3}'), model, put);
    expect(input).toEqual({ FunctionName: 'real', ReservedConcurrentExecutions: 3 });
  });
});
