// The AWS services a VPC endpoint can reach in a region, as DescribeVpcEndpointServices lists them:
// S3 and DynamoDB as Gateway (and Interface) services, the rest as Interface services.
import { createHash } from 'node:crypto';
import { zonesOf } from './regions';
import type { Doc } from './store';

const INTERFACE = [
  'access-analyzer', 'acm-pca', 'airflow.api', 'airflow.env', 'airflow.ops', 'apigateway', 'app-integrations', 'appconfig', 'appconfigdata',
  'application-autoscaling', 'appmesh-envoy-management', 'apprunner', 'appstream.api', 'appsync-api', 'athena', 'autoscaling', 'autoscaling-plans',
  'backup', 'batch', 'bedrock', 'bedrock-agent', 'bedrock-agent-runtime', 'bedrock-runtime', 'cloudcontrolapi', 'cloudformation', 'cloudtrail',
  'codeartifact.api', 'codeartifact.repositories', 'codebuild', 'codecommit', 'codedeploy', 'codedeploy-commands-secure', 'codepipeline',
  'cognito-identity', 'cognito-idp', 'comprehend', 'config', 'databrew', 'datasync', 'dms', 'dynamodb', 'ebs', 'ec2', 'ec2messages', 'ecr.api',
  'ecr.dkr', 'ecs', 'ecs-agent', 'ecs-telemetry', 'eks', 'eks-auth', 'elasticbeanstalk', 'elasticbeanstalk-health', 'elasticfilesystem',
  'elasticloadbalancing', 'elasticmapreduce', 'email-smtp', 'emr-containers', 'emr-serverless', 'events', 'execute-api', 'firehose', 'fsx',
  'glue', 'grafana', 'guardduty-data', 'iot.data', 'kendra', 'kinesis-firehose', 'kinesis-streams', 'kms', 'kms-fips', 'lakeformation', 'lambda',
  'logs', 'monitoring', 'notebook', 'rds', 'rds-data', 'redshift', 'redshift-data', 'rekognition', 's3', 'sagemaker.api', 'sagemaker.runtime',
  'secretsmanager', 'securityhub', 'servicecatalog', 'sms', 'sns', 'sqs', 'ssm', 'ssm-contacts', 'ssm-incidents', 'ssmmessages', 'states',
  'storagegateway', 'sts', 'sync-states', 'synthetics', 'textract', 'transfer', 'transfer.server', 'translate', 'xray',
];
const GATEWAY = ['s3', 'dynamodb'];

export interface EndpointService { name: string; type: 'Gateway' | 'Interface'; short: string }

export function endpointServices(region: string): EndpointService[] {
  const out: EndpointService[] = [];
  for (const short of GATEWAY) out.push({ name: `com.amazonaws.${region}.${short}`, type: 'Gateway', short });
  for (const short of INTERFACE) out.push({ name: `com.amazonaws.${region}.${short}`, type: 'Interface', short });
  const key = (s: EndpointService) => `${s.name}|${s.type}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function endpointService(region: string, name: string, type: string): EndpointService | undefined {
  return endpointServices(region).find((s) => s.name === name && s.type === type);
}

/** The private DNS name an Interface endpoint answers for (none for S3's, which uses bucket names). */
export function privateDnsNameOf(region: string, s: EndpointService): string | undefined {
  if (s.type !== 'Interface') return undefined;
  if (s.short === 's3') return `*.s3.${region}.amazonaws.com`;
  if (s.short === 'ecr.dkr') return `*.dkr.ecr.${region}.amazonaws.com`;
  if (s.short === 'ecr.api') return `api.ecr.${region}.amazonaws.com`;
  if (s.short === 'execute-api') return `*.execute-api.${region}.amazonaws.com`;
  return `${s.short}.${region}.amazonaws.com`;
}

export function serviceDetail(region: string, s: EndpointService): Doc {
  const zones = zonesOf(region);
  const dns = privateDnsNameOf(region, s);
  const id = `vpce-svc-${createHash('sha256').update(`${s.name}|${s.type}`).digest('hex').slice(0, 17)}`;
  return {
    ServiceName: s.name, ServiceId: id, ServiceType: [{ ServiceType: s.type }], ServiceRegion: region,
    AvailabilityZoneIds: zones.map((z) => z.id), AvailabilityZones: zones.map((z) => z.name), Owner: 'amazon',
    BaseEndpointDnsNames: [`${s.short}.${region}.vpce.amazonaws.com`],
    ...(dns ? { PrivateDnsName: dns, PrivateDnsNames: [{ PrivateDnsName: dns }], PrivateDnsNameVerificationState: 'verified' } : {}),
    VpcEndpointPolicySupported: true, AcceptanceRequired: false, ManagesVpcEndpoints: false, Tags: [],
    SupportedIpAddressTypes: ['ipv4'],
  };
}
