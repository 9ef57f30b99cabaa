// The ec2 codec against the real clients: what @aws-sdk/client-ec2 and botocore send must parse
// back to the input they were given, and what the codec answers must parse to the output we meant.
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import * as EC2 from '@aws-sdk/client-ec2';
import { HttpResponse as SdkResponse } from '@smithy/core/transport';
import type { HttpRequest, HttpResponse } from './codec';
import { ec2Codec, ec2ValidationError } from './ec2';
import { AwsError } from './errors';
import { loadModel } from './model';
import { validateInput, validateShape, type Violation } from './validate';

const model = loadModel('ec2');

/** An EC2 client whose transport records each request and answers with `reply`. */
function fakeClient(reply: () => HttpResponse = () => ({ status: 200, headers: {}, body: '<R><requestId>r</requestId></R>' })) {
  const sent: HttpRequest[] = [];
  const requestHandler = {
    async handle(request: { method: string; path: string; headers: Record<string, string>; body: string | Uint8Array; hostname: string }) {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      sent.push({ method: request.method, path: request.path, query: {}, headers, body: Buffer.from(request.body), host: request.hostname });
      const res = reply();
      return { response: new SdkResponse({ statusCode: res.status, headers: res.headers, body: Readable.from([Buffer.from(res.body as Buffer | string)]) }) };
    },
  };
  const client = new EC2.EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, requestHandler: requestHandler as never });
  return { client, sent };
}

function formRequest(body: string): HttpRequest {
  return { method: 'POST', path: '/', query: {}, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body), host: 'localhost' };
}

function decode(req: HttpRequest): { op: string; input: Record<string, unknown> } {
  const op = ec2Codec.resolveOperation(req, model);
  return { op: op.name, input: ec2Codec.parse(req, model, op) };
}

// Every shape kind: nested structures and lists, queryName vs locationName, integer, long,
// boolean, blob, timestamps (whole and fractional seconds), and strings that need escaping.
const inputs: Record<string, Record<string, unknown>> = {
  RunInstances: {
    ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 3, InstanceType: 't3.micro', KeyName: 'ops key',
    ClientToken: 'token-1', EbsOptimized: false, DisableApiTermination: true,
    SecurityGroupIds: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
    BlockDeviceMappings: [
      { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, VolumeType: 'gp3', Iops: 3000, DeleteOnTermination: true, Encrypted: false } },
      { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
    ],
    TagSpecifications: [
      { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web & <db>' }, { Key: 'env', Value: 'prod=1' }] },
      { ResourceType: 'volume', Tags: [{ Key: 'backup', Value: 'daily' }] },
    ],
    UserData: Buffer.from('#!/bin/bash\necho hello+world\n').toString('base64'),
    IamInstanceProfile: { Name: 'web-role', Arn: 'arn:aws:iam::000000000000:instance-profile/web-role' },
    Monitoring: { Enabled: true },
    Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'default' },
    NetworkInterfaces: [{
      DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0', AssociatePublicIpAddress: true, Groups: ['sg-0123456789abcdef0'],
      Ipv6Addresses: [{ Ipv6Address: '2600:1f18::1' }], PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5', Primary: true }],
    }],
  },
  DescribeInstances: {
    Filters: [{ Name: 'instance-state-name', Values: ['running', 'pending'] }, { Name: 'tag:env', Values: ['prod'] }],
    InstanceIds: ['i-0123456789abcdef0', 'i-0fedcba9876543210'], MaxResults: 50, NextToken: 'opaque/token==',
  },
  AuthorizeSecurityGroupIngress: {
    GroupId: 'sg-0123456789abcdef0',
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS from anywhere' }, { CidrIp: '10.0.0.0/8' }] },
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0fedcba9876543210', UserId: '000000000000', Description: 'peers' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
    ],
  },
  CreateTags: { DryRun: true, Resources: ['vpc-0123456789abcdef0', 'subnet-0123456789abcdef0'], Tags: [{ Key: 'team', Value: 'sysops' }, { Key: 'empty', Value: '' }] },
  ModifyInstanceAttribute: {
    InstanceId: 'i-0123456789abcdef0', SourceDestCheck: { Value: false }, DisableApiTermination: { Value: true },
    Groups: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
  },
  DescribeSpotPriceHistory: {
    StartTime: new Date('2026-11-28T14:05:17.000Z'), EndTime: new Date('2026-11-28T15:00:00.250Z'),
    InstanceTypes: ['m5.large', 'c5.xlarge'], ProductDescriptions: ['Linux/UNIX'], MaxResults: 10,
  },
  ImportKeyPair: { KeyName: 'laptop', PublicKeyMaterial: Buffer.from('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA laptop') },
  CreateCustomerGateway: { Type: 'ipsec.1', BgpAsnExtended: 4200000000, IpAddress: '203.0.113.12' },
};

describe('ec2 input from @aws-sdk/client-ec2', () => {
  for (const [name, input] of Object.entries(inputs)) {
    it(`parses ${name} as the SDK sent it`, async () => {
      const { client, sent } = fakeClient();
      await client.send(new (EC2 as unknown as Record<string, new (i: unknown) => never>)[`${name}Command`](input)).catch(() => undefined);
      expect(sent).toHaveLength(1);
      expect(decode(sent[0])).toEqual({ op: name, input });
    });
  }
});

/** Turns typed input into what botocore takes from JSON: dates as ISO strings, blobs as text. */
function forBotocore(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.map(forBotocore);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forBotocore(v)]));
  return value;
}

const BOTOCORE_SERIALIZE = `
import json, sys, urllib.parse, botocore.session
client = botocore.session.get_session().create_client('ec2', region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='y')
out = {}
for name, params in json.load(sys.stdin).items():
    req = client._serializer.serialize_to_request(params, client.meta.service_model.operation_model(name))
    out[name] = urllib.parse.urlencode(list(req['body'].items()))
print(json.dumps(out))
`;

describe('ec2 input from botocore', () => {
  let bodies: Record<string, string> = {};
  beforeAll(() => {
    const json = JSON.stringify(Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, forBotocore(v)])));
    bodies = JSON.parse(execFileSync('python3', ['-c', BOTOCORE_SERIALIZE], { input: json, encoding: 'utf8' }));
  });
  for (const [name, input] of Object.entries(inputs)) {
    it(`parses ${name} as botocore sent it`, () => {
      expect(decode(formRequest(bodies[name]))).toEqual({ op: name, input });
    });
  }
});

// Outputs as a service handler would return them: typed values, Dates for timestamps.
const launched = new Date('2026-11-28T14:05:17.000Z');
const instance = {
  InstanceId: 'i-0123456789abcdef0', ImageId: 'ami-0abcdef1234567890', InstanceType: 't3.micro', AmiLaunchIndex: 0,
  State: { Code: 16, Name: 'running' }, LaunchTime: launched, PrivateIpAddress: '10.0.0.5', PrivateDnsName: 'ip-10-0-0-5.ec2.internal',
  Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'default' }, Monitoring: { State: 'disabled' },
  SubnetId: 'subnet-0123456789abcdef0', VpcId: 'vpc-0123456789abcdef0', EbsOptimized: false, SourceDestCheck: true,
  SecurityGroups: [{ GroupId: 'sg-0123456789abcdef0', GroupName: 'web' }, { GroupId: 'sg-0fedcba9876543210', GroupName: 'ssh' }],
  BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { AttachTime: new Date('2026-11-28T14:05:18.123Z'), DeleteOnTermination: true, Status: 'attached', VolumeId: 'vol-0123456789abcdef0' } }],
  CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
  Tags: [{ Key: 'Name', Value: 'web & <db> "1"\n' }],
};

const outputs: Record<string, Record<string, unknown>> = {
  DescribeVpcs: {
    Vpcs: [
      { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.0.0/16', State: 'available', IsDefault: false, OwnerId: '000000000000', InstanceTenancy: 'default', DhcpOptionsId: 'dopt-0123456789abcdef0',
        CidrBlockAssociationSet: [{ AssociationId: 'vpc-cidr-assoc-0123456789abcdef0', CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }],
        Tags: [{ Key: 'Name', Value: 'main' }, { Key: 'env', Value: 'prod' }] },
      { VpcId: 'vpc-0fedcba9876543210', CidrBlock: '172.31.0.0/16', State: 'available', IsDefault: true, OwnerId: '000000000000' },
    ],
    NextToken: 'next/page==',
  },
  DescribeInstances: { Reservations: [{ ReservationId: 'r-0123456789abcdef0', OwnerId: '000000000000', Instances: [instance] }] },
  RunInstances: { ReservationId: 'r-0123456789abcdef0', OwnerId: '000000000000', Groups: [{ GroupId: 'sg-0123456789abcdef0', GroupName: 'web' }], Instances: [{ ...instance, State: { Code: 0, Name: 'pending' } }] },
  DescribeSpotPriceHistory: { SpotPriceHistory: [{ AvailabilityZone: 'us-east-1a', InstanceType: 'm5.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.038900', Timestamp: launched }] },
};

function answer(name: string, output: Record<string, unknown> | undefined): HttpResponse {
  return ec2Codec.serialize(output, model, model.operations[name], { requestId: 'req-1' });
}

describe('ec2 output through @aws-sdk/client-ec2', () => {
  for (const [name, output] of Object.entries(outputs)) {
    it(`returns ${name} as the SDK reads it`, async () => {
      const { client } = fakeClient(() => answer(name, output));
      const { $metadata, ...parsed } = await client.send(new (EC2 as unknown as Record<string, new (i: unknown) => never>)[`${name}Command`]({}));
      expect(parsed).toEqual(output);
      expect(($metadata as { httpStatusCode: number }).httpStatusCode).toBe(200);
    });
  }

  it('writes the EC2 envelope, item lists and millisecond timestamps', () => {
    const body = String(answer('DescribeVpcs', outputs.DescribeVpcs).body);
    // Members come in model order (alphabetical), so nextToken precedes vpcSet; clients don't mind.
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><nextToken>next/page==</nextToken><vpcSet><item>')).toBe(true);
    expect(body).toContain('<tagSet><item><key>Name</key><value>main</value></item>');
    expect(body).toContain('<isDefault>false</isDefault>');
    expect(body.endsWith('</item></vpcSet></DescribeVpcsResponse>')).toBe(true);
    expect(String(answer('DescribeInstances', outputs.DescribeInstances).body)).toContain('<launchTime>2026-11-28T14:05:17.000Z</launchTime>');
  });

  it('answers <return>true</return> for an operation without output', async () => {
    const res = answer('DeleteVpc', undefined);
    expect(String(res.body)).toContain('<requestId>req-1</requestId><return>true</return></DeleteVpcResponse>');
    const { client } = fakeClient(() => res);
    const { $metadata, ...parsed } = await client.send(new EC2.DeleteVpcCommand({ VpcId: 'vpc-0123456789abcdef0' }));
    expect(parsed).toEqual({});
  });

  it('is read the same way by botocore', () => {
    const body = String(answer('DescribeInstances', outputs.DescribeInstances).body);
    const script = `
import json, sys, botocore.session, botocore.parsers
model = botocore.session.get_session().get_service_model('ec2').operation_model('DescribeInstances')
out = botocore.parsers.create_parser('ec2').parse({'body': sys.stdin.buffer.read(), 'headers': {}, 'status_code': 200}, model.output_shape)
out.pop('ResponseMetadata')
print(json.dumps(out, default=lambda d: d.isoformat(timespec='milliseconds').replace('+00:00', 'Z')))`;
    const parsed = JSON.parse(execFileSync('python3', ['-c', script], { input: body, encoding: 'utf8' }));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(outputs.DescribeInstances)));
  });
});

describe('ec2 errors', () => {
  it('throws the code the service chose, with its status and message', async () => {
    const res = ec2Codec.serializeError(new AwsError('InvalidVpcID.NotFound', "The vpc ID 'vpc-1' does not exist", 400), model, model.operations.DescribeVpcs, { requestId: 'req-2' });
    expect(res.body).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID &apos;vpc-1&apos; does not exist</Message></Error></Errors><RequestID>req-2</RequestID></Response>`);
    const { client } = fakeClient(() => res);
    const err = await client.send(new EC2.DescribeVpcsCommand({ VpcIds: ['vpc-1'] })).catch((e) => e);
    expect(err.name).toBe('InvalidVpcID.NotFound');
    expect(err.message).toBe("The vpc ID 'vpc-1' does not exist");
    expect(err.$metadata.httpStatusCode).toBe(400);
  });

  it('names a malformed value the EC2 way', () => {
    expect(() => decode(formRequest('Action=DescribeInstances&Version=2016-11-15&MaxResults=abc'))).toThrow(expect.objectContaining({ code: 'InvalidParameterValue', status: 400, message: "Invalid value 'abc' for MaxResults" }));
    expect(() => decode(formRequest('Action=RunInstances&MinCount=1&MaxCount=1&BlockDeviceMapping.1.Ebs.DeleteOnTermination=maybe'))).toThrow("Invalid value 'maybe' for BlockDeviceMapping.1.Ebs.DeleteOnTermination");
    expect(() => decode(formRequest('Action=DescribeSpotPriceHistory&StartTime=yesterday'))).toThrow("Invalid value 'yesterday' for StartTime");
  });

  it('answers an unknown or missing Action', () => {
    expect(() => decode(formRequest('Action=LaunchRockets'))).toThrow(expect.objectContaining({ code: 'InvalidAction', message: 'The action LaunchRockets is not valid for this web service.' }));
    expect(() => decode(formRequest('Action=toString'))).toThrow(expect.objectContaining({ code: 'InvalidAction' }));
    expect(() => decode(formRequest('Version=2016-11-15'))).toThrow(expect.objectContaining({ code: 'MissingAction' }));
  });
});

describe('ec2ValidationError', () => {
  const op = (name: string) => model.operations[name];

  it('reports a missing required member as MissingParameter, by its wire name', () => {
    const problem = validateInput(model, 'CreateTagsRequest', { Tags: [] })!;
    const err = ec2ValidationError(problem, model, op('CreateTags'));
    expect([err.code, err.status, err.message]).toEqual(['MissingParameter', 400, 'The request must contain the parameter ResourceId']);
    expect(ec2ValidationError(validateInput(model, 'RunInstancesRequest', { MaxCount: 1 })!, model, op('RunInstances')).message).toBe('The request must contain the parameter MinCount');
  });

  it('reports other violations as InvalidParameterValue, following nested lists', () => {
    const found: Violation[] = [];
    validateShape(model, 'RunInstancesRequest', { MinCount: 1, MaxCount: 1, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeType: 'floppy' } }] }, '', found);
    const err = ec2ValidationError(found, model, op('RunInstances'));
    expect([err.code, err.message]).toEqual(['InvalidParameterValue', "Invalid value 'floppy' for BlockDeviceMapping.1.Ebs.VolumeType"]);
    const fromText = ec2ValidationError(validateInput(model, 'RunInstancesRequest', { MinCount: 1, MaxCount: 1, InstanceType: 'x9.huge' })!, model, op('RunInstances'));
    expect(fromText.message).toBe("Invalid value 'x9.huge' for InstanceType");
  });

  it('is offered by the codec for the gateway to use', () => {
    expect(ec2Codec.validationError).toBe(ec2ValidationError);
  });
});
