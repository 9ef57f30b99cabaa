// The conformance cases: per protocol, requests that real clients serialize and outputs they parse.
// Every shape kind appears: strings, enums, integers, longs, booleans, timestamps, blobs,
// nested structures, lists (wrapped and flattened), maps, and empty lists.
export interface InputCase {
  protocol: string;
  service: string; // model name
  operation: string;
  sdk: { client: string; pkg: string }; // SDK v3 client class and its package
  input: Record<string, unknown>;
}

export interface OutputCase {
  protocol: string;
  service: string;
  operation: string;
  sdk: { client: string; pkg: string };
  input: Record<string, unknown>; // any valid input, to make the call
  output: Record<string, unknown>;
}

const at = new Date('2026-11-28T14:05:17.000Z');
const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 0x7f]);

const ssm = { client: 'SSMClient', pkg: '@aws-sdk/client-ssm' };
const kms = { client: 'KMSClient', pkg: '@aws-sdk/client-kms' };
const trail = { client: 'CloudTrailClient', pkg: '@aws-sdk/client-cloudtrail' };
const sqs = { client: 'SQSClient', pkg: '@aws-sdk/client-sqs' };
const sts = { client: 'STSClient', pkg: '@aws-sdk/client-sts' };
const iam = { client: 'IAMClient', pkg: '@aws-sdk/client-iam' };
const sns = { client: 'SNSClient', pkg: '@aws-sdk/client-sns' };
const ec2 = { client: 'EC2Client', pkg: '@aws-sdk/client-ec2' };
const lambda = { client: 'LambdaClient', pkg: '@aws-sdk/client-lambda' };
const s3 = { client: 'S3Client', pkg: '@aws-sdk/client-s3' };
const route53 = { client: 'Route53Client', pkg: '@aws-sdk/client-route-53' };

export const INPUT_CASES: InputCase[] = [
  { protocol: 'json', service: 'ssm', operation: 'PutParameter', sdk: ssm,
    input: { Name: '/app/db/password', Value: 'hunter2 ü', Type: 'SecureString', Overwrite: true, Tier: 'Advanced', AllowedPattern: '^.*$', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: '' }] } },
  { protocol: 'json', service: 'kms', operation: 'Encrypt', sdk: kms,
    input: { KeyId: 'alias/app', Plaintext: bytes, EncryptionContext: { purpose: 'test', 'a:b': 'c d' }, GrantTokens: ['t1', 't2'] } },
  { protocol: 'json', service: 'cloudtrail', operation: 'LookupEvents', sdk: trail,
    input: { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }], StartTime: at, EndTime: new Date(at.getTime() + 3_600_000), MaxResults: 50, NextToken: 'abc' } },
  { protocol: 'json', service: 'sqs', operation: 'SendMessage', sdk: sqs,
    input: { QueueUrl: 'http://localhost:4566/000000000000/q', MessageBody: '{"hello":"world"}', DelaySeconds: 0, MessageAttributes: { s: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: bytes }, n: { DataType: 'Number', StringValue: '-1.5' } } } },
  { protocol: 'query', service: 'sts', operation: 'AssumeRole', sdk: sts,
    input: { RoleArn: 'arn:aws:iam::123456789012:role/R', RoleSessionName: 'sess', DurationSeconds: 900, Tags: [{ Key: 'k', Value: 'v w' }, { Key: 'k2', Value: '=&?' }], PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }], TransitiveTagKeys: ['k'] } },
  { protocol: 'query', service: 'iam', operation: 'CreateRole', sdk: iam,
    input: { RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}', MaxSessionDuration: 3600, Tags: [] } },
  { protocol: 'query', service: 'sns', operation: 'Publish', sdk: sns,
    input: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'line1\nline2 & <tag>', Subject: 's', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, raw: { DataType: 'Binary', BinaryValue: bytes } } } },
  { protocol: 'query', service: 'sns', operation: 'SetTopicAttributes', sdk: sns,
    input: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', AttributeName: 'DisplayName', AttributeValue: '' } },
  { protocol: 'ec2', service: 'ec2', operation: 'DescribeInstances', sdk: ec2,
    input: { Filters: [{ Name: 'tag:env', Values: ['dev', 'prod'] }, { Name: 'instance-state-name', Values: ['running'] }], InstanceIds: ['i-0123456789abcdef0'], DryRun: false, MaxResults: 5, NextToken: 't' } },
  { protocol: 'ec2', service: 'ec2', operation: 'DescribeSpotPriceHistory', sdk: ec2,
    input: { StartTime: at, EndTime: new Date(at.getTime() + 60_000), InstanceTypes: ['t3.micro'], ProductDescriptions: ['Linux/UNIX'] } },
  { protocol: 'rest-json', service: 'lambda', operation: 'CreateFunction', sdk: lambda,
    input: { FunctionName: 'fn', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::000000000000:role/r', Handler: 'index.handler', Code: { ZipFile: bytes }, Timeout: 30, MemorySize: 256, Publish: true, Environment: { Variables: { A: '1', B: 'x y' } }, Tags: { team: 'ops' }, Architectures: ['arm64'] } },
  { protocol: 'rest-json', service: 'lambda', operation: 'ListFunctions', sdk: lambda,
    input: { MasterRegion: 'us-east-1', FunctionVersion: 'ALL', Marker: 'm', MaxItems: 10 } },
  { protocol: 'rest-xml', service: 's3', operation: 'PutObjectTagging', sdk: s3,
    input: { Bucket: 'my-bucket', Key: 'dir/a b/ü.txt', VersionId: 'v1', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }, { Key: 'k2', Value: '<&>' }] } } },
  { protocol: 'rest-xml', service: 'route53', operation: 'ChangeResourceRecordSets', sdk: route53,
    input: { HostedZoneId: 'Z123', ChangeBatch: { Comment: 'c', Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'www.example.com.', Type: 'A', TTL: 60, SetIdentifier: 'blue', Weight: 10, ResourceRecords: [{ Value: '192.0.2.1' }, { Value: '192.0.2.2' }] } }] } } },
];

export const OUTPUT_CASES: OutputCase[] = [
  { protocol: 'json', service: 'cloudtrail', operation: 'LookupEvents', sdk: trail, input: {},
    output: { Events: [{ EventId: 'e1', EventName: 'AssumeRole', ReadOnly: 'false', EventTime: at, Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: 'arn:aws:iam::1:role/R' }], CloudTrailEvent: '{"a":1}' }], NextToken: 'n' } },
  { protocol: 'json', service: 'kms', operation: 'Encrypt', sdk: kms, input: { KeyId: 'k', Plaintext: bytes },
    output: { CiphertextBlob: bytes, KeyId: 'arn:aws:kms:us-east-1:000000000000:key/1', EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } },
  { protocol: 'json', service: 'ssm', operation: 'GetParameter', sdk: ssm, input: { Name: 'p' },
    output: { Parameter: { Name: 'p', Type: 'String', Value: 'v', Version: 12345678901, LastModifiedDate: at, ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/p', DataType: 'text' } } },
  { protocol: 'json', service: 'sqs', operation: 'GetQueueAttributes', sdk: sqs, input: { QueueUrl: 'http://localhost:4566/000000000000/q' },
    output: { Attributes: { VisibilityTimeout: '30', DelaySeconds: '0' } } },
  { protocol: 'query', service: 'sts', operation: 'AssumeRole', sdk: sts, input: { RoleArn: 'arn:aws:iam::123456789012:role/R', RoleSessionName: 'sess' },
    output: { Credentials: { AccessKeyId: 'ASIAEXAMPLE123456789', SecretAccessKey: 's/+=', SessionToken: 't', Expiration: at }, AssumedRoleUser: { AssumedRoleId: 'AROA1:sess', Arn: 'arn:aws:sts::123456789012:assumed-role/R/sess' }, PackedPolicySize: 6 } },
  { protocol: 'query', service: 'iam', operation: 'ListRoles', sdk: iam, input: {},
    output: { Roles: [{ Path: '/', RoleName: 'r', RoleId: 'AROA1', Arn: 'arn:aws:iam::000000000000:role/r', CreateDate: at, MaxSessionDuration: 3600, Tags: [{ Key: 'a', Value: '<&>' }] }], IsTruncated: true, Marker: 'm' } },
  { protocol: 'query', service: 'sns', operation: 'GetTopicAttributes', sdk: sns, input: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t' },
    output: { Attributes: { Policy: '{"Statement":[]}', DisplayName: 'd & "q"' } } },
  { protocol: 'ec2', service: 'ec2', operation: 'DescribeVpcs', sdk: ec2, input: {},
    output: { Vpcs: [{ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.0.0/16', State: 'available', IsDefault: false, Tags: [{ Key: 'Name', Value: 'main & co' }], CidrBlockAssociationSet: [{ AssociationId: 'vpc-cidr-assoc-1', CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } }] }], NextToken: 'n' } },
  { protocol: 'rest-json', service: 'lambda', operation: 'ListFunctions', sdk: lambda, input: {},
    output: { Functions: [{ FunctionName: 'fn', FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn', Runtime: 'python3.11', Timeout: 3, MemorySize: 128, CodeSize: 1234, LastModified: '2026-11-28T14:05:17.000+0000', Environment: { Variables: { A: '1' } }, Architectures: ['x86_64'] }], NextMarker: 'n' } },
  { protocol: 'rest-xml', service: 's3', operation: 'ListObjectsV2', sdk: s3, input: { Bucket: 'b' },
    output: { IsTruncated: true, Contents: [{ Key: 'a/1.txt', LastModified: at, ETag: '"abc"', Size: 12, StorageClass: 'STANDARD' }, { Key: 'a/2 & 3.txt', LastModified: at, ETag: '"def"', Size: 0, StorageClass: 'STANDARD' }], Name: 'b', Prefix: 'a/', Delimiter: '/', MaxKeys: 2, CommonPrefixes: [{ Prefix: 'a/x/' }], KeyCount: 3, NextContinuationToken: 't' } },
  { protocol: 'rest-xml', service: 's3', operation: 'GetBucketLocation', sdk: s3, input: { Bucket: 'b' }, output: { LocationConstraint: 'eu-west-1' } },
  { protocol: 'rest-xml', service: 'route53', operation: 'GetHostedZone', sdk: route53, input: { Id: 'Z123' },
    output: { HostedZone: { Id: '/hostedzone/Z123', Name: 'example.com.', CallerReference: 'r', Config: { Comment: 'c', PrivateZone: false }, ResourceRecordSetCount: 2 }, DelegationSet: { NameServers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.net'] } } },
];

/** Errors a client must recognize by name and status. */
export const ERROR_CASES = [
  { protocol: 'json', service: 'ssm', operation: 'GetParameter', sdk: ssm, input: { Name: 'p' }, code: 'ParameterNotFound', status: 400 },
  { protocol: 'json', service: 'sqs', operation: 'GetQueueUrl', sdk: sqs, input: { QueueName: 'q' }, code: 'QueueDoesNotExist', status: 400 },
  { protocol: 'query', service: 'iam', operation: 'GetRole', sdk: iam, input: { RoleName: 'r' }, code: 'NoSuchEntity', status: 404, sdkName: 'NoSuchEntityException' },
  { protocol: 'query', service: 'sts', operation: 'AssumeRole', sdk: sts, input: { RoleArn: 'arn:aws:iam::123456789012:role/R', RoleSessionName: 'sess' }, code: 'MalformedPolicyDocumentException', status: 400, wire: 'MalformedPolicyDocument' },
  { protocol: 'ec2', service: 'ec2', operation: 'DescribeVpcs', sdk: ec2, input: {}, code: 'InvalidVpcID.NotFound', status: 400 },
  { protocol: 'rest-json', service: 'lambda', operation: 'GetFunction', sdk: lambda, input: { FunctionName: 'fn' }, code: 'ResourceNotFoundException', status: 404 },
  { protocol: 'rest-xml', service: 's3', operation: 'ListObjectsV2', sdk: s3, input: { Bucket: 'b' }, code: 'NoSuchBucket', status: 404 },
  { protocol: 'rest-xml', service: 'route53', operation: 'GetHostedZone', sdk: route53, input: { Id: 'Z1' }, code: 'NoSuchHostedZone', status: 404 },
];
