// The rest-xml codec against @aws-sdk/client-s3 and @aws-sdk/client-route-53: what the clients send must
// parse back to the input they were given, and what the codec answers must parse to what we meant.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as S3 from '@aws-sdk/client-s3';
import * as R53 from '@aws-sdk/client-route-53';
import { HttpResponse as SdkResponse } from '@smithy/core/transport';
import type { Codec, HttpRequest, HttpResponse } from './codec';
import { AwsError } from './errors';
import { loadModel, type ServiceModel } from './model';
import { MALFORMED_XML, restXmlCodec } from './rest-xml';

const s3 = loadModel('s3');
const route53 = loadModel('route53');
const meta = { requestId: 'req-1' };
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };

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

/** A transport that records each request and answers with `reply`. */
function transport(reply: () => HttpResponse) {
  const sent: HttpRequest[] = [];
  const requestHandler = {
    async handle(request: SdkRequest) {
      sent.push(await toHttpRequest(request));
      const res = reply();
      const body = res.body instanceof Readable ? res.body : Readable.from([Buffer.from(res.body)]);
      return { response: new SdkResponse({ statusCode: res.status, headers: res.headers, body }) };
    },
  };
  return { sent, requestHandler: requestHandler as never };
}

const emptyReply = (): HttpResponse => ({ status: 200, headers: {}, body: '' });

function s3Client(reply = emptyReply, endpoint = 'http://localhost:4566') {
  const t = transport(reply);
  const client = new S3.S3Client({ region: 'us-east-1', endpoint, forcePathStyle: !endpoint.includes('s3.'), maxAttempts: 1, credentials, requestHandler: t.requestHandler });
  return { client, sent: t.sent };
}

function route53Client(reply = emptyReply) {
  const t = transport(reply);
  const client = new R53.Route53Client({ region: 'us-east-1', endpoint: 'http://localhost:4566', maxAttempts: 1, credentials, requestHandler: t.requestHandler });
  return { client, sent: t.sent };
}

type Client = { send(c: never): Promise<unknown> };
type Commands = Record<string, new (i: object) => object>;

function decode(codec: Codec, model: ServiceModel, req: HttpRequest): { op: string; input: Record<string, unknown> } {
  const op = codec.resolveOperation(req, model);
  return { op: op.name, input: codec.parse(req, model, op) };
}

async function sent(make: (reply: () => HttpResponse) => { client: Client; sent: HttpRequest[] }, command: object): Promise<HttpRequest> {
  const { client, sent: requests } = make(emptyReply);
  await client.send(command as never).catch(() => undefined);
  return requests[0];
}

/** The input minus what the SDK adds on its own (checksums, Content-Length); it also writes some into the command's input. */
function sdkAdded(input: Record<string, unknown>, keysSent: string[]): Record<string, unknown> {
  const extra = Object.keys(input).filter((k) => !keysSent.includes(k));
  expect(extra.filter((k) => !/^(Checksum|ContentMD5$|ContentLength$)/.test(k))).toEqual([]);
  return Object.fromEntries(keysSent.map((k) => [k, input[k]]));
}

describe('rest-xml requests from @aws-sdk/client-s3', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['PutObject', {
      Bucket: 'bkt', Key: 'reports/2024 Q1/ü+%&=?.csv', Body: Buffer.from('a,b\n1,2\n'), ContentType: 'text/csv', CacheControl: 'no-cache',
      ContentMD5: 'XrY7u+Ae7tCTyyK7j1rNww==', ContentLength: 8, Metadata: { owner: 'ops', 'build-id': '7' },
      ObjectLockRetainUntilDate: new Date('2030-01-01T00:00:00Z'), Tagging: 'env=prod&team=ops', StorageClass: 'STANDARD_IA',
      ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/ops', BucketKeyEnabled: true,
    }],
    ['GetObject', {
      Bucket: 'bkt', Key: 'dir/sub/file.bin', Range: 'bytes=0-99', IfModifiedSince: new Date('2024-01-02T03:04:05Z'), IfNoneMatch: '"etag"',
      VersionId: 'v1', ResponseContentType: 'application/json', ResponseExpires: new Date('2024-06-01T00:00:00Z'), PartNumber: 2,
    }],
    ['HeadObject', { Bucket: 'bkt', Key: 'k' }],
    ['ListObjectsV2', { Bucket: 'bkt', Prefix: 'logs/', Delimiter: '/', MaxKeys: 100, ContinuationToken: 'tok==', FetchOwner: true, StartAfter: 'logs/a' }],
    ['ListObjects', { Bucket: 'bkt', Prefix: 'p', Marker: 'm', MaxKeys: 3 }],
    ['CreateBucket', { Bucket: 'new-bkt', ACL: 'private', ObjectLockEnabledForBucket: true, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }],
    ['DeleteObjects', { Bucket: 'bkt', Delete: { Objects: [{ Key: 'a' }, { Key: 'b & <c>', VersionId: 'v2' }], Quiet: true } }],
    ['CreateMultipartUpload', { Bucket: 'bkt', Key: 'big.bin', ContentType: 'application/octet-stream', Metadata: { part: 'yes' } }],
    ['UploadPart', { Bucket: 'bkt', Key: 'big.bin', UploadId: 'up-1', PartNumber: 3, Body: Buffer.from('part three') }],
    ['UploadPartCopy', { Bucket: 'bkt', Key: 'big.bin', UploadId: 'up-1', PartNumber: 4, CopySource: 'src/obj', CopySourceRange: 'bytes=0-9' }],
    ['CompleteMultipartUpload', { Bucket: 'bkt', Key: 'big.bin', UploadId: 'up-1', MultipartUpload: { Parts: [{ ETag: '"e1"', PartNumber: 1 }, { ETag: '"e2"', PartNumber: 2 }] } }],
    ['AbortMultipartUpload', { Bucket: 'bkt', Key: 'big.bin', UploadId: 'up-1' }],
    ['ListParts', { Bucket: 'bkt', Key: 'big.bin', UploadId: 'up-1', MaxParts: 10, PartNumberMarker: 2 }],
    ['CopyObject', { Bucket: 'bkt', Key: 'copy', CopySource: 'bkt/orig%20name', MetadataDirective: 'REPLACE', Metadata: { a: '1' }, CopySourceIfModifiedSince: new Date('2023-12-31T23:59:59Z') }],
    ['DeleteObject', { Bucket: 'bkt', Key: 'gone', VersionId: 'v3' }],
    ['GetObjectAcl', { Bucket: 'bkt', Key: 'k' }],
    ['PutObjectAcl', { Bucket: 'bkt', Key: 'k', AccessControlPolicy: {
      Owner: { ID: 'owner-id' },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'user-id' }, Permission: 'FULL_CONTROL' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }],
    } }],
    ['PutBucketTagging', { Bucket: 'bkt', Tagging: { TagSet: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'sys ops' }] } }],
    ['PutBucketVersioning', { Bucket: 'bkt', VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Disabled' } }],
    ['PutBucketLifecycleConfiguration', { Bucket: 'bkt', LifecycleConfiguration: { Rules: [{ ID: 'expire', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 7 }, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }] } }],
    ['GetBucketLifecycleConfiguration', { Bucket: 'bkt' }],
    ['PutBucketPolicy', { Bucket: 'bkt', Policy: '{"Version":"2012-10-17","Statement":[]}' }],
    ['ListBuckets', { MaxBuckets: 10, Prefix: 'b' }],
    ['HeadBucket', { Bucket: 'bkt' }],
  ];

  it.each(cases)('%s parses back to what was sent', async (name, input) => {
    const keys = Object.keys(input);
    const command = new (S3 as unknown as Commands)[`${name}Command`](input);
    const got = decode(restXmlCodec, s3, await sent(s3Client, command));
    expect(got.op).toBe(name);
    expect(sdkAdded(got.input, keys)).toEqual(sdkAdded(input, keys));
  });

  it('addresses the bucket by virtual host when the endpoint allows it', async () => {
    const virtual = (reply: () => HttpResponse) => s3Client(reply, 'http://s3.localhost.localstack.cloud:4566');
    const put = await sent(virtual, new S3.PutObjectCommand({ Bucket: 'vbkt', Key: 'a/b.txt', Body: 'x' }));
    expect(put.host).toBe('vbkt.s3.localhost.localstack.cloud:4566');
    expect(decode(restXmlCodec, s3, put)).toMatchObject({ op: 'PutObject', input: { Bucket: 'vbkt', Key: 'a/b.txt' } });
    const create = await sent(virtual, new S3.CreateBucketCommand({ Bucket: 'vbkt' }));
    expect(decode(restXmlCodec, s3, create)).toEqual({ op: 'CreateBucket', input: { Bucket: 'vbkt' } });
    const list = await sent(virtual, new S3.ListBucketsCommand({}));
    expect(decode(restXmlCodec, s3, list).op).toBe('ListBuckets');
  });
});

describe('rest-xml requests from @aws-sdk/client-route-53', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['CreateHostedZone', { Name: 'example.com.', CallerReference: 'ref-1', HostedZoneConfig: { Comment: 'ops & more', PrivateZone: false } }],
    ['GetHostedZone', { Id: 'Z0123456789ABC' }],
    ['ListResourceRecordSets', { HostedZoneId: 'Z0123456789ABC', StartRecordName: 'www.example.com.', StartRecordType: 'A', MaxItems: '50' }],
    ['ListHostedZonesByName', { DNSName: 'example.com.', MaxItems: '2' }],
    ['ChangeTagsForResource', { ResourceType: 'hostedzone', ResourceId: 'Z0123456789ABC', AddTags: [{ Key: 'env', Value: 'prod' }], RemoveTagKeys: ['old'] }],
    ['ChangeResourceRecordSets', { HostedZoneId: 'Z0123456789ABC', ChangeBatch: { Comment: 'weighted', Changes: [
      { Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com.', Type: 'A', SetIdentifier: 'blue', Weight: 70, TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }, { Value: '10.0.0.2' }] } },
      { Action: 'CREATE', ResourceRecordSet: { Name: 'txt.example.com.', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"v=spf1 include:_spf.example.com ~all"' }] } },
      { Action: 'DELETE', ResourceRecordSet: { Name: 'alias.example.com.', Type: 'A', AliasTarget: { HostedZoneId: 'Z2', DNSName: 'lb.example.com.', EvaluateTargetHealth: true } } },
    ] } }],
    ['GetChange', { Id: 'C2682N5HXP0BZ4' }],
    ['DeleteHostedZone', { Id: 'Z0123456789ABC' }],
  ];

  it.each(cases)('%s parses back to what was sent', async (name, input) => {
    const command = new (R53 as unknown as Commands)[`${name}Command`](input);
    const got = decode(restXmlCodec, route53, await sent(route53Client, command));
    expect(got.op).toBe(name);
    expect(got.input).toEqual(input);
  });

  it('strips the /hostedzone/ prefix the SDK also strips, and takes botocore\'s trailing slash', async () => {
    const req = await sent(route53Client, new R53.GetHostedZoneCommand({ Id: '/hostedzone/Z9' }));
    expect(decode(restXmlCodec, route53, req).input).toEqual({ Id: 'Z9' });
    const botocore = { method: 'POST', path: '/2013-04-01/hostedzone/Z9/rrset/', query: {}, headers: {}, host: 'route53.amazonaws.com',
      body: Buffer.from('<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes><Change><Action>DELETE</Action><ResourceRecordSet><Name>a.</Name><Type>A</Type><TTL>5</TTL><ResourceRecords><ResourceRecord><Value>1.2.3.4</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>') };
    expect(decode(restXmlCodec, route53, botocore).input).toEqual({
      HostedZoneId: 'Z9', ChangeBatch: { Changes: [{ Action: 'DELETE', ResourceRecordSet: { Name: 'a.', Type: 'A', TTL: 5, ResourceRecords: [{ Value: '1.2.3.4' }] } }] },
    });
  });
});

/** The SDK's parsed output for `output`, serialized by the codec as `opName`'s answer. */
async function sdkOutput(make: (reply: () => HttpResponse) => { client: Client }, model: ServiceModel, opName: string, command: object, output: Record<string, unknown>) {
  const { client } = make(() => restXmlCodec.serialize(output, model, model.operations[opName], meta));
  const { $metadata, ...parsed } = (await client.send(command as never)) as Record<string, unknown>;
  return { parsed, $metadata: $metadata as { httpStatusCode: number; requestId?: string } };
}

describe('rest-xml responses read by @aws-sdk/client-s3', () => {
  const owner = { ID: 'owner-id', DisplayName: 'ops' };

  it('ListObjectsV2: flattened Contents and CommonPrefixes, timestamps, numbers, booleans', async () => {
    const output = {
      Name: 'bkt', Prefix: 'logs/', Delimiter: '/', MaxKeys: 2, KeyCount: 3, IsTruncated: true, NextContinuationToken: 'next==',
      Contents: [
        { Key: 'logs/a & b.txt', LastModified: new Date('2024-01-02T03:04:05.123Z'), ETag: '"d41d8cd98f00b204e9800998ecf8427e"', Size: 0, StorageClass: 'STANDARD', Owner: owner },
        { Key: 'logs/ü.txt', LastModified: new Date('2024-02-03T04:05:06Z'), ETag: '"e1"', Size: 5_000_000_000, StorageClass: 'GLACIER' },
      ],
      CommonPrefixes: [{ Prefix: 'logs/2024/' }],
    };
    const res = restXmlCodec.serialize(output, s3, s3.operations.ListObjectsV2, meta);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><ListObjectsV2Output xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/">/);
    const { parsed, $metadata } = await sdkOutput(s3Client, s3, 'ListObjectsV2', new S3.ListObjectsV2Command({ Bucket: 'bkt' }), output);
    expect(parsed).toEqual(output);
    expect($metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-1' });
  });

  it('GetObject: headers, a Metadata map and a raw body, as a buffer or a stream', async () => {
    const output = {
      ContentLength: 11, ContentType: 'text/plain', ETag: '"abc"', LastModified: new Date('2024-03-04T05:06:07Z'), AcceptRanges: 'bytes',
      Metadata: { owner: 'ops', 'build-id': '7' }, VersionId: 'v1', TagCount: 2, ContentRange: 'bytes 0-10/100', CacheControl: 'no-cache',
    };
    for (const body of [Buffer.from('hello world'), Readable.from([Buffer.from('hello '), Buffer.from('world')])]) {
      const { parsed } = await sdkOutput(s3Client, s3, 'GetObject', new S3.GetObjectCommand({ Bucket: 'b', Key: 'k' }), { ...output, Body: body });
      const { Body, ...rest } = parsed as { Body: { transformToString(): Promise<string> } };
      expect(await Body.transformToString()).toBe('hello world');
      expect(rest).toEqual(output);
    }
    const res = restXmlCodec.serialize({ ...output, Body: Buffer.from('x') }, s3, s3.operations.GetObject, meta);
    expect(res.headers).toMatchObject({ 'content-type': 'text/plain', 'last-modified': 'Mon, 04 Mar 2024 05:06:07 GMT', 'x-amz-meta-build-id': '7' });
  });

  it('HeadObject answers headers only', async () => {
    const output = { ContentLength: 42, ETag: '"h"', LastModified: new Date('2024-01-01T00:00:00Z'), Metadata: { a: 'b' }, ObjectLockRetainUntilDate: new Date('2030-01-01T00:00:00Z') };
    const res = restXmlCodec.serialize(output, s3, s3.operations.HeadObject, meta);
    expect(res.body).toBe('');
    expect(res.headers['x-amz-object-lock-retain-until-date']).toBe('2030-01-01T00:00:00Z'); // the member's iso8601, not the header default
    const { parsed } = await sdkOutput(s3Client, s3, 'HeadObject', new S3.HeadObjectCommand({ Bucket: 'b', Key: 'k' }), output);
    expect(parsed).toEqual(output);
  });

  it.each<[string, object, Record<string, unknown>]>([
    ['GetBucketTagging', new S3.GetBucketTaggingCommand({ Bucket: 'b' }), { TagSet: [{ Key: 'env', Value: 'prod' }, { Key: 'a<b', Value: '"q"' }] }],
    ['ListBuckets', new S3.ListBucketsCommand({}), { Owner: owner, Buckets: [{ Name: 'one', CreationDate: new Date('2023-05-06T07:08:09Z'), BucketRegion: 'us-east-1' }, { Name: 'two', CreationDate: new Date('2024-01-01T00:00:00Z') }] }],
    ['GetObjectAcl', new S3.GetObjectAclCommand({ Bucket: 'b', Key: 'k' }), { Owner: owner, Grants: [
      { Grantee: { Type: 'CanonicalUser', ID: 'user-id', DisplayName: 'u' }, Permission: 'FULL_CONTROL' },
      { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
    ] }],
    ['CopyObject', new S3.CopyObjectCommand({ Bucket: 'b', Key: 'k', CopySource: 's/k' }), { VersionId: 'v2', CopyObjectResult: { ETag: '"c"', LastModified: new Date('2024-04-05T06:07:08Z') } }],
    ['CreateMultipartUpload', new S3.CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k' }), { Bucket: 'b', Key: 'k', UploadId: 'up-1' }],
    ['DeleteObjects', new S3.DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: 'a' }] } }), {
      Deleted: [{ Key: 'a' }, { Key: 'b', DeleteMarker: true, DeleteMarkerVersionId: 'dm1' }], Errors: [{ Key: 'c', Code: 'AccessDenied', Message: 'Access Denied' }],
    }],
    ['GetBucketPolicy', new S3.GetBucketPolicyCommand({ Bucket: 'b' }), { Policy: '{"Version":"2012-10-17","Statement":[]}' }],
    ['GetBucketVersioning', new S3.GetBucketVersioningCommand({ Bucket: 'b' }), { Status: 'Enabled', MFADelete: 'Disabled' }],
    ['PutObject', new S3.PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }), { ETag: '"p"', VersionId: 'v9', ServerSideEncryption: 'AES256' }],
  ])('%s', async (opName, command, output) => {
    const { parsed } = await sdkOutput(s3Client, s3, opName, command, output);
    expect(parsed).toEqual(output);
  });

  it('writes the Grantee type as an xsi:type attribute and a payload structure as the root', () => {
    const acl = restXmlCodec.serialize({ Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'u' }, Permission: 'READ' }] }, s3, s3.operations.GetObjectAcl, meta);
    expect(acl.body).toContain('<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>u</ID></Grantee>');
    const copy = restXmlCodec.serialize({ CopyObjectResult: { ETag: '"c"' } }, s3, s3.operations.CopyObject, meta);
    expect(copy.body).toBe('<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ETag>&quot;c&quot;</ETag></CopyObjectResult>');
  });
});

describe('rest-xml responses read by @aws-sdk/client-route-53', () => {
  const zone = { Id: '/hostedzone/Z0123456789ABC', Name: 'example.com.', CallerReference: 'ref-1', Config: { Comment: 'c', PrivateZone: false }, ResourceRecordSetCount: 3 };

  it.each<[string, object, Record<string, unknown>, Record<string, unknown>?]>([
    ['GetHostedZone', new R53.GetHostedZoneCommand({ Id: 'Z0123456789ABC' }), { HostedZone: zone, DelegationSet: { NameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.com'] } }],
    ['ListResourceRecordSets', new R53.ListResourceRecordSetsCommand({ HostedZoneId: 'Z0123456789ABC' }), {
      ResourceRecordSets: [
        { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org. hostmaster.example.com. 1 7200 900 1209600 86400' }] },
        { Name: 'www.example.com.', Type: 'A', SetIdentifier: 'blue', Weight: 70, TTL: 60, ResourceRecords: [{ Value: '10.0.0.1' }] },
        { Name: 'alias.example.com.', Type: 'A', AliasTarget: { HostedZoneId: 'Z2', DNSName: 'lb.example.com.', EvaluateTargetHealth: true } },
      ],
      IsTruncated: true, NextRecordName: 'z.example.com.', NextRecordType: 'TXT', MaxItems: '3',
    }, { MaxItems: 3 }], // a string in botocore's model, a number in the SDK's
    ['ChangeResourceRecordSets', new R53.ChangeResourceRecordSetsCommand({ HostedZoneId: 'Z1', ChangeBatch: { Changes: [] } }), {
      ChangeInfo: { Id: '/change/C1', Status: 'PENDING', SubmittedAt: new Date('2024-05-06T07:08:09.5Z'), Comment: 'weighted' },
    }],
  ])('%s', async (opName, command, output, differences = {}) => {
    const { parsed } = await sdkOutput(route53Client, route53, opName, command, output);
    expect(parsed).toEqual({ ...output, ...differences });
  });

  it('CreateHostedZone answers 201 with a Location header and a namespaced root', async () => {
    const output = { HostedZone: zone, ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date('2024-01-01T00:00:00Z') }, DelegationSet: { NameServers: ['ns-1.awsdns-01.org'] }, Location: 'https://route53.amazonaws.com/2013-04-01/hostedzone/Z0123456789ABC' };
    const res = restXmlCodec.serialize(output, route53, route53.operations.CreateHostedZone, meta);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(output.Location);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><CreateHostedZoneResponse xmlns="https:\/\/route53.amazonaws.com\/doc\/2013-04-01\/">/);
    const { parsed, $metadata } = await sdkOutput(route53Client, route53, 'CreateHostedZone', new R53.CreateHostedZoneCommand({ Name: 'example.com.', CallerReference: 'ref-1' }), output);
    expect(parsed).toEqual(output);
    expect($metadata.httpStatusCode).toBe(201);
  });
});

describe('rest-xml errors', () => {
  async function sdkError(make: (reply: () => HttpResponse) => { client: Client }, model: ServiceModel, command: object, err: AwsError, head = false) {
    const { client } = make(() => {
      const res = restXmlCodec.serializeError(err, model, undefined, meta);
      return head ? { ...res, body: '' } : res; // the listener sends no body to a HEAD
    });
    return (await client.send(command as never).then(() => undefined, (e: unknown) => e)) as Record<string, unknown> & { $metadata: { httpStatusCode: number } };
  }

  it('S3: a bare <Error> with extra fields; the SDK throws the modelled error', async () => {
    const err = new AwsError('NoSuchKey', 'The specified key does not exist.', 404, true, { Key: 'a/b.txt' });
    const res = restXmlCodec.serializeError(err, s3, undefined, meta);
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>' +
      `<Key>a/b.txt</Key><RequestId>req-1</RequestId><HostId>${Buffer.from('req-1').toString('base64')}</HostId></Error>`);
    const sdk = await sdkError(s3Client, s3, new S3.GetObjectCommand({ Bucket: 'b', Key: 'a/b.txt' }), err);
    expect(sdk).toBeInstanceOf(S3.NoSuchKey);
    expect(sdk).toMatchObject({ name: 'NoSuchKey', message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    const bucket = await sdkError(s3Client, s3, new S3.ListObjectsV2Command({ Bucket: 'nope' }), new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, true, { BucketName: 'nope' }));
    expect(bucket).toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
    const head = await sdkError(s3Client, s3, new S3.HeadObjectCommand({ Bucket: 'b', Key: 'k' }), err, true);
    expect(head).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('Route 53: <ErrorResponse> with Type, in the model\'s namespace', async () => {
    const err = new AwsError('NoSuchHostedZone', 'No hosted zone found with ID: Z9', 404);
    const res = restXmlCodec.serializeError(err, route53, undefined, meta);
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>' +
      '<Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z9</Message></Error><RequestId>req-1</RequestId></ErrorResponse>');
    const sdk = await sdkError(route53Client, route53, new R53.GetHostedZoneCommand({ Id: 'Z9' }), err);
    expect(sdk).toBeInstanceOf(R53.NoSuchHostedZone);
    expect(sdk).toMatchObject({ name: 'NoSuchHostedZone', message: 'No hosted zone found with ID: Z9', $metadata: { httpStatusCode: 404 } });
  });

  function thrown(f: () => unknown): AwsError {
    try {
      f();
    } catch (e) {
      return e as AwsError;
    }
    throw new Error('expected an error');
  }

  function parseBody(model: ServiceModel, method: string, path: string, body: string, query: Record<string, string[]> = {}) {
    const req: HttpRequest = { method, path, query, headers: {}, body: Buffer.from(body), host: 'localhost:4566' };
    return restXmlCodec.parse(req, model, restXmlCodec.resolveOperation(req, model));
  }

  it.each([
    ['not well-formed', '<CreateBucketConfiguration><LocationConstraint>eu-west-1</CreateBucketConfiguration>'],
    ['not XML', 'LocationConstraint=eu-west-1'],
    ['the wrong root', '<BucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></BucketConfiguration>'],
    ['two roots', '<CreateBucketConfiguration/><CreateBucketConfiguration/>'],
  ])('MalformedXML for a body that is %s', (_why, body) => {
    expect(thrown(() => parseBody(s3, 'PUT', '/bkt', body))).toMatchObject({ code: 'MalformedXML', status: 400, message: MALFORMED_XML, framework: true });
  });

  it('MalformedXML for a value of the wrong type; InvalidArgument for a bad query or header; 405 for no route', () => {
    expect(thrown(() => parseBody(s3, 'POST', '/bkt', '<Delete><Object><Key>a</Key></Object><Quiet>maybe</Quiet></Delete>', { delete: [''] }))).toMatchObject({ code: 'MalformedXML' });
    expect(thrown(() => parseBody(route53, 'POST', '/2013-04-01/hostedzone/Z1/rrset/', '<ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><ResourceRecordSet><TTL>soon</TTL></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>'))).toMatchObject({ code: 'MalformedXML' });
    expect(thrown(() => parseBody(s3, 'GET', '/bkt', '', { 'list-type': ['2'], 'max-keys': ['lots'] }))).toMatchObject({ code: 'InvalidArgument', status: 400, framework: true });
    const req: HttpRequest = { method: 'PATCH', path: '/bkt', query: {}, headers: {}, body: Buffer.alloc(0), host: 'localhost' };
    expect(thrown(() => restXmlCodec.resolveOperation(req, s3))).toMatchObject({ code: 'MethodNotAllowed', status: 405 });
    const res = restXmlCodec.serializeError(thrown(() => parseBody(s3, 'PUT', '/bkt', '<x')), s3, undefined, meta);
    expect(res).toMatchObject({ status: 400, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'req-1' } });
    expect(res.body).toContain(`<Code>MalformedXML</Code><Message>${MALFORMED_XML}</Message>`);
  });

  it('an empty body leaves the payload out', () => {
    expect(parseBody(s3, 'PUT', '/bkt', '')).toEqual({ Bucket: 'bkt' });
    expect(parseBody(s3, 'PUT', '/bkt', '  \n')).toEqual({ Bucket: 'bkt' });
  });
});
