// Fuzz: over 10,000 malformed requests in all five protocols (json, query, ec2, rest-json, rest-xml)
// plus the admin routes, generated from a seeded PRNG and sent over keep-alive HTTP to an in-process
// kanri. Whatever arrives, kanri answers: never a 5xx other than 501, never a hang or a dropped
// connection, a body that parses as JSON or XML, never a stack trace, and it keeps serving.
// Reproduce a run with KANRI_FUZZ_SEED=<seed> (the seed is printed when an assertion fails).
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKanri, type Kanri } from './harness';

const SEED = Number(process.env.KANRI_FUZZ_SEED ?? 20261128);
const RANDOM_REQUESTS = 10_400;
const IN_FLIGHT = 16;
const TIMEOUT_MS = 15_000;
const MB = 1024 * 1024;

type Protocol = 'json' | 'query' | 'ec2' | 'rest-json' | 'rest-xml' | 'admin' | 'http';

interface FuzzRequest {
  protocol: Protocol;
  kind: string; // what was malformed, for the failure report
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

interface Outcome {
  req: FuzzRequest;
  status?: number;
  contentType?: string;
  body?: Buffer;
  error?: string;
  ms?: number;
  /** The request answered just before on the same connection, when this one got no answer. */
  previous?: string;
}

// ---------------------------------------------------------------- a seeded PRNG (mulberry32)

class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[this.int(items.length)]; }
  text(n: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_.'): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

// ---------------------------------------------------------------- what the models say

interface ModelFile {
  metadata: { targetPrefix?: string; jsonVersion?: string; apiVersion: string };
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, { type: string; members?: Record<string, { shape: string; locationName?: string }> }>;
}

const models = new Map<string, ModelFile>();
function model(name: string): ModelFile {
  let m = models.get(name);
  if (!m) models.set(name, (m = JSON.parse(readFileSync(join(__dirname, '..', 'src', 'models', `${name}.json`), 'utf8')) as ModelFile));
  return m;
}

/** An operation and its top-level input members, with their types. */
function someOperation(rng: Rng, service: string): { name: string; members: [string, string][] } {
  const m = model(service);
  const name = rng.pick(Object.keys(m.operations));
  const input = m.operations[name].input;
  const members = Object.entries(input ? m.shapes[input.shape].members ?? {} : {});
  return { name, members: members.map(([n, ref]) => [ref.locationName ?? n, m.shapes[ref.shape].type]) };
}

const JSON_SERVICES = ['cloudtrail', 'kms', 'ssm', 'sqs', 'logs', 'config', 'events'];
const QUERY_SERVICES = ['sts', 'iam', 'sns', 'cloudformation'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

function auth(service: string, region = 'us-east-1', accessKey = 'AKIAIOSFODNN7EXAMPLE'): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKey}/20261128/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
}

/** Mostly an ordinary signature; sometimes an odd access key or region in the credential scope. */
function someAuth(rng: Rng, service: string): string {
  if (rng.chance(0.9)) return auth(service);
  const key = rng.pick([...PROTO_KEYS, '', 'ASIA', 'ASIA' + 'X'.repeat(16), '123456789012', '%zz', 'k'.repeat(300), 'AKIA\xe9']);
  const region = rng.pick(['us-east-1', '', 'constructor', '__proto__', 'moon-1', 'us-east-1/x', 'x'.repeat(100)]);
  return rng.chance(0.2) ? rng.pick(['AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256 Credential=', `AWS ${key}:sig`, 'Bearer x', `AWS4-HMAC-SHA256 Credential=${key}`]) : auth(service, region, key);
}

// ---------------------------------------------------------------- malformed pieces

const WRONG_JSON_VALUES: unknown[] = [
  0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, '', 'x', 'A'.repeat(5000), true, false, null, [], [1, 'a', null], {}, { a: 1 },
  { '': '' }, '\u0000', '\ud800', '1970-01-01', 'NaN', 'Infinity', '-Infinity', [[[]]], { Key: { Value: [] } },
];
const RAW_JSON_NUMBERS = ['1e999', '-1e999', '-0', '0.0000000000000000000001', '123456789012345678901234567890'];
const GARBAGE_JSON = [
  '{', '}', '{"', '{"a":', '{"a":1,}', "{'a':1}", '{"a" 1}', '[', ']', 'nul', 'tru', '"\\u12"', '"\\x41"', '{"a":"\\ud800"}',
  '{"a":1}{"b":2}', '{"a":NaN}', '{"a":Infinity}', '{"a":01}', '{"a":0x10}', '/* c */{}', '{"a":1}//', '\ufeff{}', ' ',
  '{"a":[1,2,]}', '{,}', '{"a":"\u0001"}', '{"\\u0000":1}', '{"a":.5}', '{"a":+1}', '{"a":-}', '{"a":"unterminated}',
];
const WRONG_FORM_VALUES = [
  '', 'abc', '1e999', '99999999999999999999999', '-1', '0x1F', '%20%201', '1.5', 'true', 'maybe', '%', '%zz', '%C3%28',
  '%FF%FE', '%00', '%ED%A0%80', 'yesterday', '2026-13-45T99:99:99Z', encodeURIComponent('<a>&</a>'), 'a'.repeat(3000),
];
const BAD_PERCENT = ['%', '%z', '%zz', '%E0%A4%A', '%C3%28', '%FF', '%ED%A0%80', '%25%', '%%', '%u0041', '%0', '%C0%AF', '%00'];
const CONTENT_TYPES = [
  '', 'text/plain', 'application/xml', 'application/json', 'application/x-amz-json-1.0', 'application/x-amz-json-1.1',
  'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-16', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'application/cbor', 'application/vnd.amazon.eventstream', ';;;', 'a/b/c', 'text/xml; charset=bogus',
];
const GARBAGE_XML = [
  '<', '<a', '<a>', '</a>', '<a></b>', '<a><b></a></b>', '<?xml', '<?xml version="1.0"?>', '<a b=c/>', '<a b="1" b="2"/>',
  '<![CDATA[x', '<a>&bogus;</a>', '<a>&#xFFFFFFFF;</a>', '<a>&#0;</a>', '<a>&#xD800;</a>', '<a:b:c/>', '<1a/>', '<a>x</a><b/>',
  '<a xmlns:="x"/>', '<!-- <a>', '<a><!-- --- --></a>', 'x<a/>', '<a/>x', '\ufeff<a/>', '<Tagging><TagSet><Tag><Key>k</Key></Tag>',
  '<CreateBucketConfiguration><LocationConstraint><a/></LocationConstraint></CreateBucketConfiguration>', '<?xml version="9.9" encoding="ebcdic"?><a/>',
  '<Tagging><TagSet><Tag><constructor>1</constructor><__proto__>x</__proto__><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>',
  '<Tagging __proto__="1" constructor="2"><TagSet/></Tagging>', '<Delete><Object><Key>k</Key><toString/></Object></Delete>',
];
const BILLION_LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']><Tagging><TagSet><Tag><Key>&lol9;</Key><Value>&lol9;</Value></Tag></TagSet></Tagging>';
const XXE =
  '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Tagging><TagSet><Tag><Key>&xxe;</Key><Value>v</Value></Tag></TagSet></Tagging>';
const INVALID_UTF8 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82])];

function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function jsonValue(rng: Rng, depth = 0): string {
  if (depth < 3 && rng.chance(0.2)) {
    const obj = rng.chance(0.5);
    const n = rng.int(4);
    const parts = Array.from({ length: n }, () => (obj ? `${JSON.stringify(rng.chance(0.2) ? rng.pick(PROTO_KEYS) : rng.text(4))}:` : '') + jsonValue(rng, depth + 1));
    return obj ? `{${parts.join(',')}}` : `[${parts.join(',')}]`;
  }
  return rng.chance(0.15) ? rng.pick(RAW_JSON_NUMBERS) : JSON.stringify(rng.pick(WRONG_JSON_VALUES));
}

function withInvalidUtf8(rng: Rng, text: string): Buffer {
  const at = rng.int(text.length + 1);
  return Buffer.concat([Buffer.from(text.slice(0, at)), rng.pick(INVALID_UTF8), Buffer.from(text.slice(at))]);
}

function badPath(rng: Rng): string {
  return rng.pick(['/', '//', '/..', '/../../etc/passwd', '/%2e%2e/', '/*', '/?', '/#x', '/index.html', '/favicon.ico', '/;a', '/%00'])
    + (rng.chance(0.5) ? rng.pick(BAD_PERCENT) : '') + (rng.chance(0.1) ? 'p'.repeat(4000) : '');
}

// ---------------------------------------------------------------- one generator per protocol

function jsonRequest(rng: Rng): FuzzRequest {
  const service = rng.pick(JSON_SERVICES);
  const m = model(service).metadata;
  const op = someOperation(rng, service);
  const headers: Record<string, string> = {
    'content-type': `application/x-amz-json-${m.jsonVersion ?? '1.0'}`, 'x-amz-target': `${m.targetPrefix}.${op.name}`, authorization: someAuth(rng, service),
  };
  const valid = JSON.stringify(Object.fromEntries(op.members.slice(0, 3).map(([n]) => [n, 'x'])));
  const pick = rng.int(10);
  let kind: string;
  let body: Buffer;
  if (pick === 0) {
    kind = 'truncated JSON';
    body = Buffer.from(valid.slice(0, rng.int(valid.length)));
  } else if (pick === 1) {
    kind = 'garbage JSON';
    body = rng.chance(0.5) ? Buffer.from(rng.pick(GARBAGE_JSON)) : rng.bytes(1 + rng.int(200));
  } else if (pick <= 3) {
    kind = 'JSON of wrong types';
    body = Buffer.from(`{${op.members.filter(() => rng.chance(0.6)).map(([n]) => `${JSON.stringify(n)}:${jsonValue(rng)}`).join(',')}}`);
  } else if (pick === 4) {
    kind = 'JSON with prototype keys';
    const key = JSON.stringify(rng.pick(PROTO_KEYS));
    const member = op.members.length ? JSON.stringify(rng.pick(op.members)[0]) : '"X"';
    body = Buffer.from(rng.pick([`{${key}:${jsonValue(rng)}}`, `{${member}:{${key}:1}}`, `{${member}:[{${key}:{}}]}`]));
  } else if (pick === 5) {
    kind = 'JSON that is not an object';
    body = Buffer.from(rng.pick(['null', '[]', '"x"', '123', 'true', '[{}]', '""']));
  } else if (pick === 6) {
    kind = 'invalid UTF-8 in JSON';
    body = withInvalidUtf8(rng, op.members.length ? `{"${op.members[0][0]}":"value"}` : '{"a":"value"}');
  } else if (pick === 7) {
    kind = 'unknown or malformed target';
    headers['x-amz-target'] = rng.pick([
      `${m.targetPrefix}.NoSuchOperation`, `${m.targetPrefix}.`, '.', '', 'Bogus.ListKeys', `${m.targetPrefix}.__proto__`,
      `${m.targetPrefix}.constructor`, `${m.targetPrefix}.toString`, `${m.targetPrefix}`, `${m.targetPrefix}.${op.name}.${op.name}`,
      `${m.targetPrefix}.${op.name.toLowerCase()}`, `${m.targetPrefix}.${rng.pick(BAD_PERCENT)}`, 'x'.repeat(8000),
    ]);
    body = Buffer.from(valid);
  } else if (pick === 8) {
    kind = 'wrong content-type';
    headers['content-type'] = rng.pick(CONTENT_TYPES);
    if (!headers['content-type']) delete headers['content-type'];
    body = Buffer.from(rng.chance(0.5) ? valid : 'Action=ListKeys&Version=2014-11-01');
  } else {
    kind = 'huge or odd headers';
    const header = rng.pick(['authorization', 'x-amz-date', 'user-agent', 'x-amz-security-token', 'x-amz-content-sha256', 'x-fuzz']);
    headers[header] = rng.chance(0.3) ? 'v'.repeat(17_000 + rng.int(8000)) : rng.chance(0.5) ? 'v'.repeat(6000) : rng.text(40, 'abc\t "\\\x80\xff=,/;');
    body = Buffer.from(valid);
  }
  return { protocol: 'json', kind, method: 'POST', path: rng.chance(0.9) ? '/' : badPath(rng), headers, body };
}

function formBody(rng: Rng, service: string, protocol: 'query' | 'ec2'): { kind: string; body: string } {
  const version = model(service).metadata.apiVersion;
  const op = someOperation(rng, service);
  const pairs = op.members.filter(() => rng.chance(0.5)).map(([n, type]) => {
    const key = type === 'list' ? (protocol === 'ec2' ? `${n}.${rng.pick(['1', '0', '-1', 'x', '99999999999'])}` : `${n}.member.${rng.pick(['1', '0', 'x', '999999999999'])}`) : n;
    return `${key}=${rng.pick(WRONG_FORM_VALUES)}`;
  });
  switch (rng.int(8)) {
    case 0: return { kind: 'repeated Action', body: `Action=${op.name}&Action=${someOperation(rng, service).name}&Version=${version}` };
    case 1: return { kind: 'absent or empty Action', body: rng.pick([`Version=${version}`, `Action=&Version=${version}`, '', '&&&', `action=${op.name}&Version=${version}`]) };
    case 2: return { kind: 'odd Action', body: `Action=${rng.pick(['__proto__', 'constructor', 'hasOwnProperty', '%00', '%C3%28', 'x'.repeat(5000), `${op.name}%20`, op.name.toLowerCase()])}&Version=${version}` };
    case 3: return { kind: 'bad percent-encoding', body: `Action=${op.name}&Version=${version}&${rng.pick(BAD_PERCENT)}=${rng.pick(BAD_PERCENT)}&${op.members[0]?.[0] ?? 'X'}=${rng.pick(BAD_PERCENT)}` };
    case 4: return { kind: 'odd keys', body: `Action=${op.name}&Version=${version}&${rng.pick(['.', '..', 'a..b', '.a', 'a.', `${op.members[0]?.[0] ?? 'X'}.member.`, 'k'.repeat(4000), '.'.repeat(3000), '__proto__.x', 'constructor', '=', '=='])}=1` };
    case 5: return { kind: 'wrong version', body: `Action=${op.name}&Version=${rng.pick(['', '1999-01-01', 'latest', '%zz', version + version])}` };
    default: return { kind: 'values of wrong types', body: [`Action=${op.name}`, `Version=${version}`, ...pairs].join('&') };
  }
}

function queryRequest(rng: Rng, protocol: 'query' | 'ec2'): FuzzRequest {
  const service = protocol === 'ec2' ? 'ec2' : rng.pick(QUERY_SERVICES);
  const { kind, body } = formBody(rng, service, protocol);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (rng.chance(0.8)) headers.authorization = someAuth(rng, service);
  const style = rng.int(10);
  if (style === 0) return { protocol, kind: `${kind} (in the URL)`, method: rng.pick(['GET', 'POST', 'DELETE']), path: `/?${body}`, headers: { authorization: auth(service) } };
  if (style === 1) return { protocol, kind: `${kind} (invalid UTF-8)`, method: 'POST', path: '/', headers, body: withInvalidUtf8(rng, body) };
  if (style === 2) {
    headers['content-type'] = rng.pick(CONTENT_TYPES);
    if (!headers['content-type']) delete headers['content-type'];
    return { protocol, kind: `${kind} (wrong content-type)`, method: 'POST', path: '/', headers, body: Buffer.from(body) };
  }
  if (style === 3) return { protocol, kind: `${kind} (gzip header, plain body)`, method: 'POST', path: '/', headers: { ...headers, 'content-encoding': 'gzip' }, body: Buffer.from(body) };
  return { protocol, kind, method: 'POST', path: rng.chance(0.9) ? '/' : badPath(rng), headers, body: Buffer.from(body) };
}

function restJsonRequest(rng: Rng): FuzzRequest {
  const name = rng.pick(['fn', rng.text(1 + rng.int(64)), rng.pick(BAD_PERCENT), '..%2F..%2F', '%2F', 'x'.repeat(200), 'arn:aws:lambda:us-east-1:000000000000:function:fn', 'f\xe9', '%C3%A9']);
  const path = rng.pick([
    `/2015-03-31/functions/${name}`, `/2015-03-31/functions/${name}/configuration`, `/2015-03-31/functions/${name}/invocations`,
    `/2015-03-31/functions/${name}/policy/${rng.pick(BAD_PERCENT)}`, `/2015-03-31/functions/${name}/versions`, `/2015-03-31/functions/${name}/aliases/${name}`,
    '/2015-03-31/functions', '/2015-03-31/functions/', '/2015-03-31/', `/2017-03-31/tags/${name}`, `/2018-10-31/layers/${name}/versions/${rng.pick(['1', 'x', '-1', '99999999999999999999'])}`,
    `/2019-09-30/functions/${name}/provisioned-concurrency`, '/2016-08-19/account-settings', `/2099-01-01/functions/${name}`,
  ]) + rng.pick(['', '?Qualifier=%zz', '?MaxItems=abc', '?Marker=%', '?MaxItems=-1&MaxItems=2', '?FunctionVersion=ALL&Marker=%C3%28', `?${rng.pick(BAD_PERCENT)}`, '?List=ALL&List=NONE', `?${rng.pick(PROTO_KEYS)}=1`]);
  const method = rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
  const headers: Record<string, string> = { authorization: someAuth(rng, 'lambda'), 'content-type': rng.chance(0.8) ? 'application/json' : rng.pick(CONTENT_TYPES) || 'x/y' };
  if (rng.chance(0.2)) headers[rng.pick(['x-amz-invocation-type', 'x-amz-log-type', 'x-amz-client-context'])] = rng.pick(['Bogus', '', '%zz', 'e30=', '!!!notbase64']);
  const op = someOperation(rng, 'lambda');
  const bodies = [
    `{${op.members.map(([n]) => `${JSON.stringify(n)}:${jsonValue(rng)}`).join(',')}}`, rng.pick(GARBAGE_JSON),
    `{${JSON.stringify(rng.pick(PROTO_KEYS))}:{}}`, '{"FunctionName":"fn","Code":{"ZipFile":"!!!"},"Timeout":"abc"}',
  ];
  const body = method === 'GET' || method === 'HEAD' ? undefined : rng.chance(0.1) ? withInvalidUtf8(rng, '{"a":"b"}') : Buffer.from(rng.pick(bodies));
  return { protocol: 'rest-json', kind: `lambda ${method} with odd path/query/body`, method, path, headers, body };
}

function restXmlRequest(rng: Rng): FuzzRequest {
  if (rng.chance(0.25)) {
    const id = rng.pick(['Z123', rng.pick(BAD_PERCENT), 'x'.repeat(300), '..', '%2F']);
    const path = rng.pick(['/2013-04-01/hostedzone', `/2013-04-01/hostedzone/${id}`, `/2013-04-01/hostedzone/${id}/rrset`, `/2013-04-01/healthcheck/${id}`, '/2013-04-01/change/', `/2013-04-01/tags/healthcheck/${id}`])
      + rng.pick(['', '?maxitems=abc', '?type=BOGUS&name=%zz', '?marker=%', '?maxitems=-1&maxitems=1']);
    const method = rng.pick(['GET', 'POST', 'DELETE', 'PATCH', 'PUT']);
    const body = method === 'POST' || method === 'PUT' ? Buffer.from(rng.chance(0.2) ? BILLION_LAUGHS : rng.pick(GARBAGE_XML) + (rng.chance(0.3) ? '<CreateHostedZoneRequest><Name>' : '')) : undefined;
    return { protocol: 'rest-xml', kind: `route53 ${method} with odd path/body`, method, path, headers: { authorization: auth('route53'), 'content-type': 'application/xml' }, body };
  }
  const bucket = rng.pick(['fuzz-bucket', 'Fuzz_Bucket', 'a', 'xn--', rng.text(70), rng.pick(BAD_PERCENT), '..', '192.168.0.1', 'b\xe9']);
  const key = rng.pick(['', '/k', `/${rng.pick(BAD_PERCENT)}`, `/${'k'.repeat(1100)}`, '/a/../../b', '//', '/%2F%2F', `/${rng.text(20, 'abc%/?#[]@!$&\'()*+,;=')}`]);
  const sub = rng.pick(['', '?tagging', '?acl', '?versioning', '?uploads', '?list-type=2&max-keys=abc', '?delete', '?cors', '?lifecycle', '?policy', '?location',
    '?uploadId=%zz&partNumber=abc', '?versionId=%', '?x-id=Bogus', '?max-keys=-1&max-keys=1', '?list-type=9', '?prefix=%C3%28&delimiter=%', '?encryption&tagging', '?partNumber=0&uploadId=',
    `?${rng.pick(PROTO_KEYS)}`, `?tagging&${rng.pick(PROTO_KEYS)}=1`]);
  const method = rng.pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']);
  const headers: Record<string, string> = { authorization: someAuth(rng, 's3') };
  let kind = `s3 ${method} with odd path/query`;
  let body: Buffer | undefined;
  if (method === 'PUT' || method === 'POST') {
    const xml = rng.int(10);
    body = Buffer.from(xml === 0 ? BILLION_LAUGHS : xml === 1 ? XXE : xml <= 6 ? rng.pick(GARBAGE_XML) : rng.text(rng.int(300), '<>/ab&;"= '));
    kind = `s3 ${method} with invalid XML`;
    if (rng.chance(0.3)) headers['content-type'] = rng.pick(CONTENT_TYPES) || 'x/y';
  }
  if (rng.chance(0.3)) {
    const [h, v] = rng.pick<[string, string]>([
      ['range', rng.pick(['bytes=abc', 'bytes=99999999999999999999-', 'bytes=5-1', 'bytes=-', 'bytes=0-0,1-1,2-2', 'lines=1-2', 'bytes=-0'])],
      ['x-amz-copy-source', rng.pick(['%zz', '/', '/a', '/a/', 'a/b?versionId=%', '/fuzz-bucket/k?versionId=', `/${'x'.repeat(2000)}/k`])],
      ['content-md5', rng.pick(['abc', '', '!!!', '1B2M2Y8AsgTpgAmY7PhCfg=='])],
      ['x-amz-checksum-crc32', rng.pick(['abc', '', 'AAAAAA=='])], ['x-amz-checksum-sha256', '!!!'],
      ['x-amz-content-sha256', rng.pick(['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'xyz', 'UNSIGNED-PAYLOAD'])],
      ['content-encoding', rng.pick(['aws-chunked', 'gzip', 'aws-chunked,gzip', 'br', 'identity', 'x'])],
      ['x-amz-decoded-content-length', rng.pick(['abc', '-1', '99999999999999999999'])], ['if-modified-since', rng.pick(['yesterday', '', 'Mon, 99 Foo 2026'])],
      ['if-match', '"'], ['x-amz-tagging', rng.pick(['%zz=%', '=&=', 'a=b&a=c'])], ['x-amz-meta-big', 'm'.repeat(6000)], ['x-amz-storage-class', 'BOGUS'],
      ['x-amz-acl', 'bogus'], ['x-amz-object-lock-retain-until-date', 'not-a-date'], ['x-amz-mp-object-size', 'abc'], ['x-amz-expected-bucket-owner', '%zz'],
    ]);
    headers[h] = v;
    kind += ` (${h})`;
  }
  if (method === 'PUT' && rng.chance(0.1)) {
    headers['x-amz-content-sha256'] = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
    headers['content-encoding'] = 'aws-chunked';
    body = Buffer.from(rng.pick(['zz;chunk-signature=abc\r\nabc\r\n0;chunk-signature=\r\n\r\n', '5\r\nab', 'ffffffffffff;chunk-signature=x\r\n', '\r\n\r\n', '3;chunk-signature=' + 'a'.repeat(64) + '\r\nabc\r\n']));
    kind = 's3 PUT with a malformed aws-chunked body';
  }
  return { protocol: 'rest-xml', kind, method, path: `/${bucket}${key}${sub}`, headers, body };
}

function adminRequest(rng: Rng): FuzzRequest {
  const route = rng.pick(['/_kanri/clock', '/_kanri/reset', '/_kanri/health', '/_kanri/', '/_kanri/nope', '/_kanri/%zz', '/_kanri/health/../clock', `/_kanri/clock?${rng.pick(BAD_PERCENT)}`, '/_kanri/reset?service=%zz', '/_kanri/reset?service=nope']);
  const method = rng.pick(['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
  const body = rng.pick([
    ...GARBAGE_JSON, '{"advance":5}', '{"advance":null}', '{"advance":"P"}', '{"advance":"PT"}', '{"advance":"PT1S"}', '{"advance":"-PT1H"}', '{"advance":"PT1H30M"}',
    '{"advance":["PT1H"]}', '{"advance":{"a":1}}', '{"service":5}', '{"service":{"a":1}}', '{"service":"nope"}', '{"service":"kms"}',
    '{"service":["kms"]}', '{"service":"__proto__"}', '{"service":"constructor"}', '{"service":null}', '[]', 'null', '"x"',
  ]);
  return { protocol: 'admin', kind: `admin ${method} with bad JSON`, method, path: route, headers: { 'content-type': rng.pick(['application/json', 'text/plain']) }, body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(body) };
}

function oddMethodRequest(rng: Rng): FuzzRequest {
  const method = rng.pick(['HEAD', 'OPTIONS', 'PATCH', 'DELETE', 'PUT', 'TRACE', 'PROPFIND', 'PURGE', 'GET']);
  const headers: Record<string, string> = rng.chance(0.5) ? { authorization: auth(rng.pick(['s3', 'sts', 'kms', 'ec2', 'lambda', 'nosuchservice', ''])) } : {};
  if (method === 'OPTIONS' && rng.chance(0.5)) headers.origin = 'http://localhost';
  if (rng.chance(0.3)) headers['x-amz-target'] = rng.pick(['TrentService.ListKeys', 'Bogus', '']);
  return { protocol: 'http', kind: `${method} on an odd path`, method, path: badPath(rng), headers, body: rng.chance(0.3) ? rng.bytes(rng.int(100)) : undefined };
}

const POLICY_STATEMENTS = [
  '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"__proto__":{"a":"b"}}}', '{"Effect":"Allow","Action":{"constructor":1},"Resource":"*"}',
  '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"constructor":"x"}}}', '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"toString":{"aws:x":"y"}}}',
  '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"999.1.1.1/99"}}}', '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"::ffff:zz/200"}}}',
  '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"garbage"}}}', '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"aws:x":"1e999"}}}',
  '{"Effect":"Allow","Action":"s3:*Get*Object*","Resource":"arn:aws:s3:::*/*?*"}', '{"Effect":"Allow","NotAction":[],"NotResource":[],"Principal":{"AWS":{"a":1}}}',
  '{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":[[["x"]]]}}}', '{"Sid":{"a":1},"Effect":["Allow"],"Action":1,"Resource":null}',
  '{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::${aws:username}/${*}${?}${$}${aws:nope, \'d\'}"}', '{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:x":"maybe"}}}',
  '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"BinaryEquals":{"aws:x":"!!!"}}}', '{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:*:*:*:*:*:*:*"}}}',
];

/** Policy documents (IAM, STS session policies, KMS key policies, S3 bucket policies): each service parses its own. */
function policyRequest(rng: Rng): FuzzRequest {
  const statement = rng.pick(POLICY_STATEMENTS);
  const doc = rng.pick([
    `{"Version":"2012-10-17","Statement":[${statement}]}`, `{"Version":"2012-10-17","Statement":${statement}}`, rng.pick(GARBAGE_JSON), jsonValue(rng),
    `{"Version":"2012-10-17","Statement":[${statement}],"${rng.pick(PROTO_KEYS)}":1}`, '{"Version":{"a":1},"Statement":[]}', 'null', '[]',
  ]);
  const form = (service: string, fields: Record<string, string>): FuzzRequest => ({
    protocol: 'query', kind: `${service} ${fields.Action} with an odd policy`, method: 'POST', path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth(service) },
    body: Buffer.from(Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
  });
  const kms = (target: string, body: Record<string, string>): FuzzRequest => ({
    protocol: 'json', kind: `kms ${target} with an odd policy`, method: 'POST', path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${target}`, authorization: auth('kms') }, body: Buffer.from(JSON.stringify(body)),
  });
  switch (rng.int(7)) {
    case 0: return form('iam', { Action: 'CreatePolicy', Version: '2010-05-08', PolicyName: `fuzz-${rng.text(6)}`, PolicyDocument: doc });
    case 1: return form('iam', { Action: 'CreateRole', Version: '2010-05-08', RoleName: `fuzz-${rng.text(6)}`, AssumeRolePolicyDocument: doc });
    case 2: return form('iam', { Action: 'SimulateCustomPolicy', Version: '2010-05-08', 'PolicyInputList.member.1': doc, 'ActionNames.member.1': rng.pick(['s3:GetObject', '*', 'x']), 'ResourceArns.member.1': rng.pick(['arn:aws:s3:::b/k', '*', 'a'.repeat(40)]) });
    case 3: return form('sts', { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::000000000000:role/fuzz', RoleSessionName: 's', Policy: doc });
    case 4: return kms('CreateKey', { Policy: doc });
    case 5: return kms('PutKeyPolicy', { KeyId: 'alias/fuzz', PolicyName: 'default', Policy: doc });
    default: return { protocol: 'rest-xml', kind: 's3 PutBucketPolicy with an odd policy', method: 'PUT', path: '/fuzz-bucket?policy', headers: { authorization: auth('s3') }, body: Buffer.from(doc) };
  }
}

function randomRequests(seed: number, count: number): FuzzRequest[] {
  const rng = new Rng(seed);
  const out: FuzzRequest[] = [];
  for (let i = 0; i < count; i++) {
    const p = rng.int(100);
    if (p < 24) out.push(jsonRequest(rng));
    else if (p < 42) out.push(queryRequest(rng, 'query'));
    else if (p < 54) out.push(queryRequest(rng, 'ec2'));
    else if (p < 68) out.push(restJsonRequest(rng));
    else if (p < 88) out.push(restXmlRequest(rng));
    else if (p < 92) out.push(adminRequest(rng));
    else if (p < 96) out.push(policyRequest(rng));
    else out.push(oddMethodRequest(rng));
  }
  return out;
}

/** The expensive ones, a few each: big bodies, a gzip bomb, deep nesting, entity expansion. */
function heavyRequests(): FuzzRequest[] {
  const kms = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Encrypt', authorization: auth('kms') };
  const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('sts') };
  const s3 = { authorization: auth('s3'), 'content-type': 'application/xml' };
  const bomb = gzipSync(Buffer.alloc(40 * MB)); // about 40 KB that inflates past the 20 MB cap
  const big = (n: number, fill: string) => Buffer.alloc(n, fill);
  return [
    { protocol: 'json', kind: '1 MB JSON body', method: 'POST', path: '/', headers: kms, body: Buffer.from(`{"KeyId":"alias/x","Plaintext":"${'QUFB'.repeat(MB / 4)}"}`) },
    { protocol: 'query', kind: '5 MB form body', method: 'POST', path: '/', headers: form, body: Buffer.from(`Action=GetCallerIdentity&Version=2011-06-15&Pad=${'p'.repeat(5 * MB)}`) },
    { protocol: 'rest-xml', kind: '12 MB XML body', method: 'PUT', path: '/fuzz-bucket?tagging', headers: s3, body: Buffer.from(`<Tagging><TagSet><Tag><Key>k</Key><Value>${'v'.repeat(12 * MB)}</Value></Tag></TagSet></Tagging>`) },
    { protocol: 'json', kind: '21 MB JSON body', method: 'POST', path: '/', headers: kms, body: big(21 * MB, ' ') },
    { protocol: 'rest-xml', kind: '25 MB XML body', method: 'POST', path: '/2013-04-01/hostedzone', headers: { ...s3, authorization: auth('route53') }, body: big(25 * MB, '<') },
    { protocol: 'ec2', kind: '25 MB form body', method: 'POST', path: '/', headers: { ...form, authorization: auth('ec2') }, body: big(25 * MB, 'a') },
    { protocol: 'json', kind: 'gzip bomb', method: 'POST', path: '/', headers: { ...kms, 'content-encoding': 'gzip' }, body: bomb },
    { protocol: 'query', kind: 'gzip bomb', method: 'POST', path: '/', headers: { ...form, 'content-encoding': 'gzip' }, body: bomb },
    { protocol: 'rest-xml', kind: 'gzip bomb', method: 'PUT', path: '/fuzz-bucket?tagging', headers: { ...s3, 'content-encoding': 'gzip' }, body: bomb },
    { protocol: 'json', kind: 'JSON nested 10,000 deep', method: 'POST', path: '/', headers: kms, body: Buffer.from(deepJson(10_000, 'array')) },
    { protocol: 'json', kind: 'JSON nested 10,000 deep', method: 'POST', path: '/', headers: kms, body: Buffer.from(deepJson(10_000, 'object')) },
    { protocol: 'json', kind: 'JSON nested 10,000 deep in a member', method: 'POST', path: '/', headers: { ...kms, 'x-amz-target': 'TrentService.CreateKey' }, body: Buffer.from(`{"Tags":${deepJson(10_000, 'array')}}`) },
    { protocol: 'json', kind: 'JSON nested 10,000 deep in a member', method: 'POST', path: '/', headers: { ...kms, 'x-amz-target': 'TrentService.CreateKey' }, body: Buffer.from(`{"Policy":${deepJson(10_000, 'object')}}`) },
    { protocol: 'rest-json', kind: 'JSON nested 10,000 deep', method: 'POST', path: '/2015-03-31/functions', headers: { authorization: auth('lambda'), 'content-type': 'application/json' }, body: Buffer.from(deepJson(10_000, 'object')) },
    { protocol: 'query', kind: 'form key nested 10,000 deep', method: 'POST', path: '/', headers: { ...form, authorization: auth('iam') }, body: Buffer.from(`Action=CreateRole&Version=2010-05-08&Tags${'.member.1'.repeat(5000)}=x`) },
    { protocol: 'json', kind: 'key policy nested 10,000 deep', method: 'POST', path: '/', headers: { ...kms, 'x-amz-target': 'TrentService.CreateKey' }, body: Buffer.from(JSON.stringify({ Policy: deepJson(10_000, 'object') })) },
    { protocol: 'json', kind: 'key policy nested 5,000 deep in a Condition', method: 'POST', path: '/', headers: { ...kms, 'x-amz-target': 'TrentService.CreateKey' }, body: Buffer.from(JSON.stringify({ Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":${deepJson(5_000, 'object')}}]}` })) },
    { protocol: 'query', kind: 'IAM policy nested 10,000 deep', method: 'POST', path: '/', headers: { ...form, authorization: auth('iam') }, body: Buffer.from(`Action=CreatePolicy&Version=2010-05-08&PolicyName=deep&PolicyDocument=${encodeURIComponent(deepJson(10_000, 'array'))}`) },
    { protocol: 'query', kind: 'policy wildcard of 20,000 characters', method: 'POST', path: '/', headers: { ...form, authorization: auth('iam') }, body: Buffer.from(`Action=SimulateCustomPolicy&Version=2010-05-08&ActionNames.member.1=s3:GetObject&ResourceArns.member.1=arn:aws:s3:::b/k&PolicyInputList.member.1=${encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*?'.repeat(10_000) }] }))}`) },
    { protocol: 'rest-xml', kind: 'XML nested 10,000 deep', method: 'PUT', path: '/fuzz-bucket?tagging', headers: s3, body: Buffer.from('<Tagging>'.repeat(10_000) + '</Tagging>'.repeat(10_000)) },
    { protocol: 'rest-xml', kind: 'XML nested 10,000 deep', method: 'POST', path: '/2013-04-01/hostedzone', headers: { ...s3, authorization: auth('route53') }, body: Buffer.from('<a>'.repeat(10_000) + '</a>'.repeat(10_000)) },
    { protocol: 'rest-xml', kind: 'billion laughs', method: 'PUT', path: '/fuzz-bucket?tagging', headers: s3, body: Buffer.from(BILLION_LAUGHS) },
    { protocol: 'rest-xml', kind: 'billion laughs', method: 'POST', path: '/2013-04-01/hostedzone', headers: { ...s3, authorization: auth('route53') }, body: Buffer.from(BILLION_LAUGHS.replace(/Tagging/g, 'CreateHostedZoneRequest')) },
    { protocol: 'rest-xml', kind: 'XML external entity', method: 'POST', path: '/fuzz-bucket?delete', headers: s3, body: Buffer.from(XXE.replace(/Tagging/g, 'Delete')) },
  ];
}

/**
 * Policy wildcards that make a backtracking regex explode (each * before an a doubles the work on a
 * run of a's): a matcher must answer them in linear time, or it stalls the whole process.
 */
function wildcardStalls(): FuzzRequest[] {
  return [7, 8].map((stars) => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: `${'*a'.repeat(stars)}*c` }] });
    return {
      protocol: 'query', kind: `policy wildcard with ${stars + 1} stars against 40 a's`, method: 'POST', path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('iam') },
      body: Buffer.from(`Action=SimulateCustomPolicy&Version=2010-05-08&ActionNames.member.1=s3:GetObject&ResourceArns.member.1=${'a'.repeat(40)}&PolicyInputList.member.1=${encodeURIComponent(doc)}`),
    };
  });
}

/** Admin requests with odd but well-formed JSON; sent last, as a clock moved absurdly far may stay unusable. */
function adminOddities(): FuzzRequest[] {
  const admin = (kind: string, path: string, body: unknown): FuzzRequest => ({
    protocol: 'admin', kind, method: 'POST', path, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)),
  });
  return [
    ...[['kms'], '__proto__', 'constructor', { service: 'kms' }].map((service) => admin(`admin reset of service ${JSON.stringify(service)}`, '/_kanri/reset', { service })),
    ...['P9999999999W', 'P99999999999999999999D', 'PT1e308S', 'P1W'].map((advance) => admin(`admin clock advance ${advance}`, '/_kanri/clock', { advance })),
  ];
}

// ---------------------------------------------------------------- sending

const lastOnSocket = new WeakMap<object, string>();

function send(kanri: Kanri, agent: Agent, req: FuzzRequest): Promise<Outcome> {
  const url = new URL(kanri.url);
  return new Promise((resolve) => {
    let done = false;
    let socket: object | undefined;
    const started = Date.now();
    const finish = (o: Omit<Outcome, 'req'>) => {
      if (done) return;
      done = true;
      const previous = socket && o.error !== undefined ? lastOnSocket.get(socket) : undefined;
      if (socket) lastOnSocket.set(socket, `${req.method} ${req.path.slice(0, 80)} (${req.kind}) -> ${o.status ?? o.error}`);
      resolve({ req, ...o, previous, ms: Date.now() - started });
    };
    // node:http frames a GET/DELETE/OPTIONS body only when told its length; without it the body would be sent as a
    // stray next request on the connection.
    const headers = req.body ? { 'content-length': String(req.body.length), ...req.headers } : req.headers;
    let r: ReturnType<typeof request>;
    try {
      r = request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish({ status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
        res.on('error', (e) => finish({ status: res.statusCode, error: `response: ${e.message}` }));
      });
    } catch (e) {
      finish({ error: `the client refused to send it: ${(e as Error).message}` });
      return;
    }
    r.on('socket', (s) => { socket = s; });
    r.setTimeout(TIMEOUT_MS, () => r.destroy(new Error(`no answer in ${TIMEOUT_MS} ms`)));
    r.on('error', (e) => finish({ error: e.message }));
    r.end(req.body);
  });
}

async function sendAll(kanri: Kanri, agent: Agent, reqs: FuzzRequest[], inFlight: number): Promise<Outcome[]> {
  const out: Outcome[] = new Array(reqs.length);
  let next = 0;
  const worker = async () => {
    while (next < reqs.length) {
      const i = next++;
      out[i] = await send(kanri, agent, reqs[i]);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return out;
}

// ---------------------------------------------------------------- judging

const STACK_TRACE = /\bat [^\n]{0,300}?\.(?:ts|js|mjs|cjs):\d+/;

function parses(o: Outcome): boolean {
  const text = o.body!.toString('utf8');
  try {
    JSON.parse(text);
    return true;
  } catch {
    return XMLValidator.validate(text) === true;
  }
}

/** A payload answer (an object's bytes) is neither JSON nor XML by design. */
function isPayload(o: Outcome): boolean {
  return o.status! < 300 && !/json|xml/.test(o.contentType ?? '');
}

function describeFailures(problems: Outcome[], why: (o: Outcome) => string): string {
  const groups = new Map<string, { count: number; example: Outcome }>();
  for (const o of problems) {
    const key = `${o.req.protocol} | ${o.req.kind} | ${why(o)}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { count: 1, example: o });
  }
  const lines = [...groups.entries()].slice(0, 25).map(([key, { count, example: o }]) => {
    const body = o.req.body ? ` body=${JSON.stringify(o.req.body.subarray(0, 160).toString('latin1'))}${o.req.body.length > 160 ? `…(${o.req.body.length} bytes)` : ''}` : '';
    const headers = JSON.stringify(Object.fromEntries(Object.entries(o.req.headers).map(([k, v]) => [k, v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v])));
    const answer = o.error ?? `${o.status} ${o.body?.subarray(0, 300).toString('utf8')}`;
    const after = o.previous ? `\n      (the request before it on that connection: ${o.previous})` : '';
    return `  ${count}× ${key}\n      e.g. ${o.req.method} ${o.req.path.slice(0, 200)} headers=${headers}${body}\n      -> ${answer}${after}`;
  });
  return `seed ${SEED}: ${problems.length} requests in ${groups.size} groups\n${lines.join('\n')}`;
}

describe('fuzz: malformed requests in every protocol', () => {
  let kanri: Kanri;
  let agent: Agent;
  let outcomes: Outcome[] = [];
  let stalls: Outcome[] = [];

  beforeAll(async () => {
    kanri = await startTestKanri();
    agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const started = Date.now();
    outcomes = [
      ...(await sendAll(kanri, agent, heavyRequests(), 2)),
      ...(await sendAll(kanri, agent, randomRequests(SEED, RANDOM_REQUESTS), IN_FLIGHT)),
    ];
    stalls = await sendAll(kanri, agent, wildcardStalls(), 1);
    outcomes.push(...stalls, ...(await sendAll(kanri, agent, adminOddities(), 1)));
    const statuses: Record<string, number> = {};
    for (const o of outcomes) statuses[o.status ?? 'none'] = (statuses[o.status ?? 'none'] ?? 0) + 1;
    console.log(`fuzz (seed ${SEED}): ${outcomes.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(statuses)}`);
  }, 180_000);

  afterAll(async () => {
    agent?.destroy();
    await kanri?.stop();
  });

  it('sends over 10,000 requests across the five protocols and the admin routes', () => {
    expect(outcomes.length).toBeGreaterThan(10_000);
    const byProtocol = new Map<string, number>();
    for (const o of outcomes) byProtocol.set(o.req.protocol, (byProtocol.get(o.req.protocol) ?? 0) + 1);
    for (const p of ['json', 'query', 'ec2', 'rest-json', 'rest-xml', 'admin', 'http']) expect(byProtocol.get(p), p).toBeGreaterThan(300);
  });

  it('answers every request: no hang, no dropped connection', () => {
    const problems = outcomes.filter((o) => o.error !== undefined);
    expect(problems.length, describeFailures(problems, (o) => o.error!)).toBe(0);
  });

  it('never answers a 5xx other than 501', () => {
    const problems = outcomes.filter((o) => o.status !== undefined && o.status >= 500 && o.status !== 501);
    expect(problems.length, describeFailures(problems, (o) => `HTTP ${o.status}`)).toBe(0);
  });

  it('answers with a body that is empty, or JSON or XML that parses', () => {
    const checked = outcomes.filter((o) => o.body?.length && o.req.method !== 'HEAD' && !isPayload(o));
    expect(checked.length).toBeGreaterThan(8_000);
    const problems = checked.filter((o) => !parses(o));
    expect(problems.length, describeFailures(problems, (o) => `unparseable ${o.contentType} body`)).toBe(0);
  });

  it('never shows a stack trace or a file the request named', () => {
    const problems = outcomes.filter((o) => o.body && (STACK_TRACE.test(o.body.toString('utf8')) || o.body.includes('root:x:0:0')));
    expect(problems.length, describeFailures(problems, () => 'stack trace or /etc/passwd in the body')).toBe(0);
  });

  it('matches policy wildcards without stalling the process', () => {
    const problems = stalls.filter((o) => o.error !== undefined || o.ms! > 1_000);
    expect(problems.length, describeFailures(problems, (o) => `answered after ${o.ms} ms`)).toBe(0);
  });

  it('still answers STS GetCallerIdentity afterwards', async () => {
    const o = await send(kanri, agent, {
      protocol: 'query', kind: 'a normal request', method: 'POST', path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth('sts') }, body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    });
    expect(o.error).toBeUndefined();
    expect(o.status).toBe(200);
    expect(o.body!.toString()).toContain('<Account>000000000000</Account>');
  });
});
