// One conformance suite for every protocol codec: real client serializers (SDK v3 and botocore)
// produce requests that kanri must parse to the same typed input, and kanri's responses must
// parse, in both clients, to the output kanri meant.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Codec, HttpRequest } from '../../src/protocol/codec';
import { AwsError } from '../../src/protocol/errors';
import { loadModel } from '../../src/protocol/model';
import { capture } from './sdk-capture';
import { ERROR_CASES, INPUT_CASES, OUTPUT_CASES } from './cases';

const codecs: Record<string, Codec> = {};
/** botocore's answers for every case, from one python3 process (starting it per case is slow). */
const boto = new Map<unknown, BotoResult>();

beforeAll(async () => {
  codecs.json = (await import('../../src/protocol/json')).jsonCodec;
  codecs.query = (await import('../../src/protocol/query')).queryCodec;
  codecs.ec2 = (await import('../../src/protocol/ec2')).ec2Codec;
  codecs['rest-json'] = (await import('../../src/protocol/rest-json')).restJsonCodec;
  codecs['rest-xml'] = (await import('../../src/protocol/rest-xml')).restXmlCodec;
  const jobs: [unknown, unknown][] = [];
  for (const c of INPUT_CASES) jobs.push([c, { service: c.service, operation: c.operation, params: toBoto(c.input) }]);
  for (const c of [...OUTPUT_CASES, ...ERROR_CASES]) {
    const res = 'output' in c ? serializeOutput(c) : serializeFailure(c);
    const body = typeof res.body === 'string' ? Buffer.from(res.body) : res.body;
    jobs.push([c, { service: c.service, operation: c.operation, params: toBoto(c.input), response: { status: res.status, headers: res.headers, body_b64: body.toString('base64') } }]);
  }
  runBoto(jobs.map(([, job]) => job)).forEach((result, i) => boto.set(jobs[i][0], result));
});

function serializeOutput(c: (typeof OUTPUT_CASES)[number]) {
  const model = loadModel(c.service);
  return codecs[c.protocol].serialize(c.output, model, model.operations[c.operation], { requestId: 'req-1' });
}

function serializeFailure(c: (typeof ERROR_CASES)[number]) {
  const model = loadModel(c.service);
  const shape = c.protocol !== 'query' || c.code.endsWith('Exception') ? c.code : `${c.code}Exception`;
  return codecs[c.protocol].serializeError(new AwsError(shape, 'it went wrong', c.status), model, model.operations[c.operation], { requestId: 'req-1' });
}

/** Compares values as a client sees them: Dates as instants, blobs as bytes, no undefined keys. */
function normalize(v: unknown): unknown {
  if (v instanceof Date) return { date: v.toISOString() };
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && k !== '$metadata') out[k] = normalize(x);
    return out;
  }
  return v;
}

/** JSON for boto-capture.py: dates and bytes tagged. */
function toBoto(v: unknown): unknown {
  if (v instanceof Date) return { $date: v.toISOString() };
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(toBoto);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toBoto(x)]));
  return v;
}
function fromBoto(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromBoto);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$date === 'string') return new Date(o.$date);
    if (typeof o.$bytes === 'string') return Buffer.from(o.$bytes, 'base64');
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromBoto(x)]));
  }
  return v;
}

interface BotoResult { request: { method: string; url: string; headers: Record<string, string>; body_b64: string }; output?: unknown; error?: { code: string; status: number } }

function runBoto(cases: unknown[]): BotoResult[] {
  const out = execFileSync('python3', [join(__dirname, 'boto-capture.py')], { input: JSON.stringify(cases), maxBuffer: 64 << 20 });
  return JSON.parse(out.toString());
}

function botoRequest(r: BotoResult['request']): HttpRequest {
  const url = new URL(r.url);
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  return { method: r.method, path: url.pathname, query, headers, body: Buffer.from(r.body_b64, 'base64'), host: url.host };
}

async function sdkCommand(sdk: { client: string; pkg: string }, operation: string, input: unknown) {
  const mod = await import(sdk.pkg);
  return { Client: mod[sdk.client], command: new mod[`${operation}Command`](input) };
}

function parseWith(protocol: string, service: string, req: HttpRequest) {
  const model = loadModel(service);
  const codec = codecs[protocol];
  const op = codec.resolveOperation(req, model);
  return { op, input: codec.parse(req, model, op) };
}

describe.each(INPUT_CASES)('$protocol request $operation ($service)', (c) => {
  it('parses what the SDK v3 sent', async () => {
    const { Client, command } = await sdkCommand(c.sdk, c.operation, c.input);
    const { request } = await capture(Client, command);
    const { op, input } = parseWith(c.protocol, c.service, request);
    expect(op.name).toBe(c.operation);
    expect(normalize(input)).toEqual(normalize(c.input));
  });

  it('parses what botocore sent', () => {
    const { op, input } = parseWith(c.protocol, c.service, botoRequest(boto.get(c)!.request));
    expect(op.name).toBe(c.operation);
    expect(normalize(input)).toEqual(normalize(c.input));
  });
});

describe.each(OUTPUT_CASES)('$protocol response $operation ($service)', (c) => {
  it('is parsed by the SDK v3 to the same output', async () => {
    const { Client, command } = await sdkCommand(c.sdk, c.operation, c.input);
    const { output, error } = await capture(Client, command, () => serializeOutput(c));
    expect(error).toBeUndefined();
    expect(normalize(output)).toEqual(normalize(c.output));
  });

  it('is parsed by botocore to the same output', () => {
    const result = boto.get(c)!;
    expect(result.error).toBeUndefined();
    expect(normalize(fromBoto(result.output))).toEqual(normalize(c.output));
  });
});

describe.each(ERROR_CASES)('$protocol error $code from $operation ($service)', (c) => {
  it('is recognized by the SDK v3', async () => {
    const { Client, command } = await sdkCommand(c.sdk, c.operation, c.input);
    const { error } = await capture(Client, command, () => serializeFailure(c));
    expect(error?.name).toBe((c as { sdkName?: string }).sdkName ?? c.code);
    expect(error?.$metadata?.httpStatusCode).toBe(c.status);
    expect(error?.message).toBe('it went wrong');
  });

  it('is recognized by botocore', () => {
    expect(boto.get(c)!.error).toEqual({ code: (c as { wire?: string }).wire ?? c.code, status: c.status });
  });
});
