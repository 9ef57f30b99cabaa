// The rest binding layer on hand-built requests: routing by method, URI template and literal query,
// virtual-hosted buckets, and every kind of binding (labels, query, headers, header maps, status, payload).
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from './codec';
import { AwsError } from './errors';
import { splitHeaderList } from './http-text';
import { loadModel, type ServiceModel } from './model';
import { effectivePath, matchRoute, readRestInput, writeRestOutput, type BodyReader } from './rest';

const s3 = loadModel('s3');
const lambda = loadModel('lambda');
const route53 = loadModel('route53');

function request(method: string, target: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  const [path, qs = ''] = target.split('?', 2);
  const query: Record<string, string[]> = {};
  for (const part of qs.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    (query[k] ??= []).push(eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1)));
  }
  return { method, path, query, headers: {}, body: Buffer.alloc(0), host: 'localhost:4566', ...extra };
}

function opName(model: ServiceModel, method: string, target: string, extra?: Partial<HttpRequest>): string | undefined {
  return matchRoute(request(method, target, extra), model)?.op.name;
}

const noBody: BodyReader = {
  read: () => {
    throw new Error('no body expected');
  },
  invalid: (m) => new AwsError('Invalid', m),
};

function parse(model: ServiceModel, req: HttpRequest, reader = noBody): Record<string, unknown> {
  const match = matchRoute(req, model);
  if (!match) throw new Error(`no route for ${req.method} ${req.path}`);
  return readRestInput(req, model, match.op, reader);
}

describe('routing', () => {
  it.each([
    ['GET', '/', 'ListBuckets'],
    ['GET', '/?x-id=ListBuckets', 'ListBuckets'],
    ['GET', '/bkt', 'ListObjects'],
    ['GET', '/bkt/', 'ListObjects'],
    ['GET', '/bkt?list-type=2&prefix=a%2F', 'ListObjectsV2'],
    ['GET', '/bkt?list-type=1', 'ListObjects'],
    ['GET', '/bkt?versioning', 'GetBucketVersioning'],
    ['GET', '/bkt?uploads', 'ListMultipartUploads'],
    ['GET', '/bkt?lifecycle', 'GetBucketLifecycleConfiguration'], // the deprecated twin loses the tie
    ['GET', '/bkt?analytics', 'ListBucketAnalyticsConfigurations'],
    ['GET', '/bkt?analytics&id=a1', 'GetBucketAnalyticsConfiguration'],
    ['PUT', '/bkt', 'CreateBucket'],
    ['PUT', '/bkt?tagging', 'PutBucketTagging'],
    ['HEAD', '/bkt', 'HeadBucket'],
    ['DELETE', '/bkt', 'DeleteBucket'],
    ['POST', '/bkt?delete', 'DeleteObjects'],
    ['GET', '/bkt/key', 'GetObject'],
    ['GET', '/bkt/key?x-id=GetObject', 'GetObject'],
    ['GET', '/bkt/a/b/c.txt?acl', 'GetObjectAcl'],
    ['GET', '/bkt/key?uploadId=u1', 'ListParts'],
    ['HEAD', '/bkt/key', 'HeadObject'],
    ['PUT', '/bkt/key', 'PutObject'],
    ['PUT', '/bkt/key?partNumber=1&uploadId=u1', 'UploadPart'],
    ['PUT', '/bkt/key?x-id=UploadPart&partNumber=1&uploadId=u1', 'UploadPart'],
    ['PUT', '/bkt/key?tagging', 'PutObjectTagging'],
    ['POST', '/bkt/key?uploads', 'CreateMultipartUpload'],
    ['POST', '/bkt/key?uploadId=u1', 'CompleteMultipartUpload'],
    ['POST', '/bkt/key?select&select-type=2', 'SelectObjectContent'],
    ['DELETE', '/bkt/key', 'DeleteObject'],
    ['DELETE', '/bkt/key?uploadId=u1', 'AbortMultipartUpload'],
  ])('s3 %s %s → %s', (method, target, op) => {
    expect(opName(s3, method, target)).toBe(op);
  });

  it('uses required headers to tell operations that share a URI apart', () => {
    const copy = { headers: { 'x-amz-copy-source': 'src/k' } };
    expect(opName(s3, 'PUT', '/bkt/key', copy)).toBe('CopyObject');
    expect(opName(s3, 'PUT', '/bkt/key?partNumber=2&uploadId=u', copy)).toBe('UploadPartCopy');
    // An SDK's x-id names the operation outright.
    expect(opName(s3, 'PUT', '/bkt/key?x-id=PutObject', copy)).toBe('PutObject');
  });

  it('routes lambda and route 53 templates, literal query values and trailing slashes', () => {
    expect(opName(lambda, 'POST', '/2015-03-31/functions/my-fn/invocations')).toBe('Invoke');
    expect(opName(lambda, 'GET', '/2015-03-31/functions/my-fn')).toBe('GetFunction');
    expect(opName(lambda, 'GET', '/2015-03-31/functions/')).toBe('ListFunctions');
    expect(opName(lambda, 'GET', '/2018-10-31/layers')).toBe('ListLayers');
    expect(opName(lambda, 'GET', '/2018-10-31/layers?find=LayerVersion&Arn=x')).toBe('GetLayerVersionByArn');
    expect(opName(lambda, 'GET', '/2018-10-31/layers?find=Other')).toBe('ListLayers');
    expect(opName(lambda, 'GET', '/2019-09-30/functions/f/provisioned-concurrency?List=ALL')).toBe('ListProvisionedConcurrencyConfigs');
    expect(opName(lambda, 'GET', '/2019-09-30/functions/f/provisioned-concurrency?Qualifier=1')).toBe('GetProvisionedConcurrencyConfig');
    expect(opName(route53, 'POST', '/2013-04-01/hostedzone/Z1/rrset/')).toBe('ChangeResourceRecordSets');
    expect(opName(route53, 'POST', '/2013-04-01/hostedzone/Z1/rrset')).toBe('ChangeResourceRecordSets');
    expect(opName(route53, 'GET', '/2013-04-01/hostedzone/Z1/rrset')).toBe('ListResourceRecordSets');
    expect(opName(route53, 'GET', '/2013-04-01/hostedzone/Z1')).toBe('GetHostedZone');
    expect(opName(route53, 'GET', '/2013-04-01/hostedzonecount')).toBe('GetHostedZoneCount');
  });

  it('treats an x-id literal in a template as optional, and binding when present', () => {
    const model = {
      name: 'xid', metadata: {}, shapes: { In: { type: 'structure', members: {} } }, paginators: {},
      operations: {
        PutThing: { name: 'PutThing', http: { method: 'PUT', requestUri: '/{Bucket}/{Key+}?x-id=PutThing' }, input: { shape: 'In' } },
        CopyThing: { name: 'CopyThing', http: { method: 'PUT', requestUri: '/{Bucket}/{Key+}?x-id=CopyThing' }, input: { shape: 'In' } },
      },
    } as unknown as ServiceModel;
    expect(opName(model, 'PUT', '/b/k?x-id=CopyThing')).toBe('CopyThing');
    expect(opName(model, 'PUT', '/b/k?x-id=PutThing')).toBe('PutThing');
    expect(opName(model, 'PUT', '/b/k')).toBe('PutThing'); // a tie goes to the model's first
    expect(opName(model, 'PUT', '/b/k?x-id=Other')).toBeUndefined();
  });

  it('finds nothing for an unknown method, path or empty label', () => {
    expect(opName(s3, 'PATCH', '/bkt')).toBeUndefined();
    expect(opName(lambda, 'GET', '/2015-03-31/nothing/here')).toBeUndefined();
    expect(opName(route53, 'GET', '/2013-04-01/hostedzone/Z1/rrset/extra/more')).toBeUndefined();
    expect(opName(lambda, 'GET', '/2015-03-31/functions//configuration')).toBeUndefined();
    expect(opName(lambda, 'GET', '/2015-03-31/functions/%E0%A4%A/configuration')).toBeUndefined();
  });

  it('reads the bucket from a virtual host, for models addressed by /{Bucket}', () => {
    for (const host of ['bkt.s3.amazonaws.com', 'bkt.s3.us-east-1.amazonaws.com', 'bkt.s3-us-west-2.amazonaws.com', 'bkt.s3.localhost.localstack.cloud:4566']) {
      expect(effectivePath(request('GET', '/a/b', { host }), s3)).toBe('/bkt/a/b');
    }
    expect(effectivePath(request('GET', '/a', { host: 'my.dotted.bucket.s3.amazonaws.com' }), s3)).toBe('/my.dotted.bucket/a');
    expect(effectivePath(request('GET', '/', { host: 's3.amazonaws.com' }), s3)).toBe('/');
    expect(effectivePath(request('GET', '/', { host: 'localhost:4566' }), s3)).toBe('/');
    expect(effectivePath(request('GET', '/x', { host: 'fn.s3.example.com' }), lambda)).toBe('/x'); // lambda has no /{Bucket}
    expect(opName(s3, 'GET', '/?list-type=2', { host: 'bkt.s3.localhost.localstack.cloud:4566' })).toBe('ListObjectsV2');
    expect(opName(s3, 'GET', '/', { host: 's3.localhost.localstack.cloud:4566' })).toBe('ListBuckets');
    const input = parse(s3, request('GET', '/dir/file%20name.txt', { host: 'bkt.s3.us-east-1.amazonaws.com' }));
    expect(input).toEqual({ Bucket: 'bkt', Key: 'dir/file name.txt' });
  });
});

describe('input bindings', () => {
  it('decodes labels; a greedy label keeps slashes, leading and trailing', () => {
    expect(parse(s3, request('GET', '/bkt/a/b%20c/%C3%BC%2B%25.txt'))).toEqual({ Bucket: 'bkt', Key: 'a/b c/ü+%.txt' });
    expect(parse(s3, request('GET', '/bkt//lead/trail/'))).toEqual({ Bucket: 'bkt', Key: '/lead/trail/' });
    expect(parse(lambda, request('GET', '/2018-10-31/layers/my-layer/versions/42'))).toEqual({ LayerName: 'my-layer', VersionNumber: 42 });
    expect(parse(lambda, request('POST', '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af'), { ...noBody, read: () => ({}) }))
      .toEqual({ Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f' });
  });

  it('reads query members: scalars converted, lists from repeated keys, literal keys left out', () => {
    const input = parse(lambda, request('GET', '/2025-12-01/functions/f/durable-executions?Statuses=RUNNING&Statuses=FAILED&ReverseOrder=true&StartedAfter=2024-01-02T03%3A04%3A05Z&MaxItems=10'));
    expect(input).toEqual({ FunctionName: 'f', Statuses: ['RUNNING', 'FAILED'], ReverseOrder: true, StartedAfter: new Date('2024-01-02T03:04:05Z'), MaxItems: 10 });
    expect(parse(lambda, request('DELETE', '/2017-03-31/tags/arn?tagKeys=a&tagKeys=b%20c'))).toEqual({ Resource: 'arn', TagKeys: ['a', 'b c'] });
    expect(parse(s3, request('GET', '/bkt?list-type=2&max-keys=5&fetch-owner=false&x-id=ListObjectsV2'))).toEqual({ Bucket: 'bkt', MaxKeys: 5, FetchOwner: false });
  });

  it('reads headers: strings, numbers, timestamps in any format, header maps by prefix', () => {
    const headers = {
      'content-length': '11', 'content-md5': 'XrY7u+Ae7tCTyyK7j1rNww==', 'x-amz-meta-owner': 'ops', 'x-amz-meta-build-id': '7',
      expires: 'Wed, 21 Oct 2015 07:28:00 GMT', 'x-amz-object-lock-retain-until-date': '2030-01-01T00:00:00Z',
      'x-amz-object-lock-legal-hold': 'ON', 'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    };
    const input = parse(s3, request('PUT', '/bkt/k', { headers, body: Buffer.from('hello world') }));
    expect(input).toEqual({
      Bucket: 'bkt', Key: 'k', Body: Buffer.from('hello world'), ContentLength: 11, ContentMD5: 'XrY7u+Ae7tCTyyK7j1rNww==',
      Metadata: { owner: 'ops', 'build-id': '7' }, Expires: 'Wed, 21 Oct 2015 07:28:00 GMT', // a string in this model
      ObjectLockRetainUntilDate: new Date('2030-01-01T00:00:00Z'), ObjectLockLegalHoldStatus: 'ON', BucketKeyEnabled: true,
    });
  });

  it('reads a timestamp header in any of the three formats', () => {
    for (const since of ['Wed, 21 Oct 2015 07:28:00 GMT', '2015-10-21T07:28:00Z', '1445412480']) {
      expect(parse(s3, request('GET', '/b/k', { headers: { 'if-modified-since': since } })).IfModifiedSince).toEqual(new Date('2015-10-21T07:28:00Z'));
    }
  });

  it('hands an unread streaming payload over as the stream', async () => {
    const { Readable } = await import('node:stream');
    const stream = Readable.from([Buffer.from('x')]);
    expect(parse(s3, request('PUT', '/bkt/k', { stream })).Body).toBe(stream);
    expect(parse(s3, request('PUT', '/bkt/k')).Body).toEqual(Buffer.alloc(0));
  });

  it('reports a value of the wrong type through the codec', () => {
    expect(() => parse(s3, request('GET', '/bkt?list-type=2&max-keys=many'))).toThrow(/Invalid value 'many' for query parameter max-keys: expected an integer/);
    expect(() => parse(s3, request('PUT', '/bkt/k', { headers: { 'content-length': 'x' } }))).toThrow(AwsError);
    expect(() => parse(lambda, request('GET', '/2018-10-31/layers/l/versions/v1'))).toThrow(/expected an integer/);
  });
});

describe('bindings the vendored models do not use', () => {
  const shapes = {
    In: {
      type: 'structure',
      members: {
        Id: { shape: 'Str', location: 'uri', locationName: 'Id' },
        Filters: { shape: 'StrMap', location: 'querystring' },
        Tags: { shape: 'ListMap', location: 'querystring' },
        Doc: { shape: 'Str', location: 'header', locationName: 'X-Doc', jsonvalue: true },
        Nums: { shape: 'IntList', location: 'header', locationName: 'X-Nums' },
        Names: { shape: 'StrList', location: 'header', locationName: 'X-Names' },
        Ratio: { shape: 'Dbl', location: 'header', locationName: 'X-Ratio' },
        Mode: { shape: 'Str', location: 'querystring', locationName: 'mode' },
      },
    },
    Out: {
      type: 'structure',
      members: {
        Code: { shape: 'Int', location: 'statusCode' },
        Doc: { shape: 'Str', location: 'header', locationName: 'X-Doc', jsonvalue: true },
        Names: { shape: 'StrList', location: 'header', locationName: 'X-Names' },
        When: { shape: 'Time', location: 'header', locationName: 'X-When' },
        Stamp: { shape: 'Time', location: 'header', locationName: 'X-Stamp', timestampFormat: 'iso8601' },
        Meta: { shape: 'StrMap', location: 'headers', locationName: 'X-Meta-' },
        Body: { shape: 'Str' },
      },
    },
    Str: { type: 'string' }, Int: { type: 'integer' }, Dbl: { type: 'double' }, Time: { type: 'timestamp' },
    StrList: { type: 'list', member: { shape: 'Str' } }, IntList: { type: 'list', member: { shape: 'Int' } },
    StrMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
    ListMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'StrList' } },
  };
  const model = {
    name: 'synthetic', metadata: { protocol: 'rest-json' }, paginators: {}, shapes,
    operations: { Op: { name: 'Op', http: { method: 'GET', requestUri: '/things/{Id}?fixed' }, input: { shape: 'In' }, output: { shape: 'Out' } } },
  } as unknown as ServiceModel;

  it('reads query maps, jsonvalue headers and quoted header lists', () => {
    const doc = Buffer.from(JSON.stringify({ a: [1, 'two'] })).toString('base64');
    const req = request('GET', '/things/t1?fixed&mode=m&tag=a&tag=b&color=red', {
      headers: { 'x-doc': doc, 'x-nums': '1, 2,3', 'x-names': '"a, b", c, "q\\"d"', 'x-ratio': '0.25' },
    });
    expect(parse(model, req)).toEqual({
      Id: 't1', Mode: 'm', Filters: { tag: 'a', color: 'red' }, Tags: { tag: ['a', 'b'], color: ['red'] },
      Doc: { a: [1, 'two'] }, Nums: [1, 2, 3], Names: ['a, b', 'c', 'q"d'], Ratio: 0.25,
    });
  });

  it('writes status, header lists, jsonvalue, timestamps and header maps', () => {
    const out = writeRestOutput({
      Code: 202, Doc: { ok: true }, Names: ['plain', 'with, comma'], When: new Date('2024-05-06T07:08:09Z'),
      Stamp: new Date('2024-05-06T07:08:09Z'), Meta: { Owner: 'ops' }, Body: 'in the body',
    }, model, model.operations.Op);
    expect(out.status).toBe(202);
    expect(out.hasBody).toBe(true);
    expect(out.headers).toEqual({
      'x-doc': Buffer.from('{"ok":true}').toString('base64'), 'x-names': 'plain, "with, comma"',
      'x-when': 'Mon, 06 May 2024 07:08:09 GMT', 'x-stamp': '2024-05-06T07:08:09Z', 'x-meta-owner': 'ops',
    });
  });

  it('splits header lists as RFC 7230 says', () => {
    expect(splitHeaderList('a,b , c')).toEqual(['a', 'b', 'c']);
    expect(splitHeaderList('"x,y" , "z"')).toEqual(['x,y', 'z']);
    expect(splitHeaderList('')).toEqual(['']);
  });
});

describe('output bindings', () => {
  it('defaults the status from the model and names the payload', () => {
    expect(writeRestOutput({}, lambda, lambda.operations.TagResource).status).toBe(204);
    expect(writeRestOutput({ StatusCode: 202 }, lambda, lambda.operations.Invoke).status).toBe(202);
    const get = writeRestOutput({ Body: Buffer.from('x'), ContentLength: 1, LastModified: new Date('2024-01-01T00:00:00Z'), Metadata: { a: 'b' } }, s3, s3.operations.GetObject);
    expect(get.payload?.name).toBe('Body');
    expect(get.headers).toEqual({ 'content-length': '1', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT', 'x-amz-meta-a': 'b' });
  });
});
