import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { implementedRules, managedRule } from '../registry';
import type { ConfigurationItem } from '../types';

const item = (resourceType: string, resourceId: string, configuration: Record<string, unknown>): ConfigurationItem => ({ resourceType, resourceId, configuration });
const judge = (id: string, it: ConfigurationItem, params: Record<string, string> = {}) => managedRule(id)!.evaluateItem!(it, ruleContext([it], params))[0].complianceType;

describe('volumes and Elastic IPs', () => {
  // As kanri records a root volume of RunInstances.
  const attached = { attachments: [{ device: '/dev/sda1', instanceId: 'i-1', state: 'attached', volumeId: 'vol-1', deleteOnTermination: true }], encrypted: false, size: 30, state: 'in-use' };
  it('ENCRYPTED_VOLUMES judges attached volumes only, optionally with a key', () => {
    expect(judge('ENCRYPTED_VOLUMES', item('AWS::EC2::Volume', 'vol-1', attached))).toBe('NON_COMPLIANT');
    expect(judge('ENCRYPTED_VOLUMES', item('AWS::EC2::Volume', 'vol-1', { ...attached, encrypted: true }))).toBe('COMPLIANT');
    expect(judge('ENCRYPTED_VOLUMES', item('AWS::EC2::Volume', 'vol-2', { attachments: [], encrypted: false, state: 'available' }))).toBe('NOT_APPLICABLE');
    const withKey = { ...attached, encrypted: true, kmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/k1' };
    expect(judge('ENCRYPTED_VOLUMES', item('AWS::EC2::Volume', 'vol-1', withKey), { kmsId: 'k1' })).toBe('COMPLIANT');
    expect(judge('ENCRYPTED_VOLUMES', item('AWS::EC2::Volume', 'vol-1', withKey), { kmsId: 'k2' })).toBe('NON_COMPLIANT');
  });
  it('EC2_VOLUME_INUSE_CHECK', () => {
    expect(judge('EC2_VOLUME_INUSE_CHECK', item('AWS::EC2::Volume', 'vol-1', attached))).toBe('COMPLIANT');
    expect(judge('EC2_VOLUME_INUSE_CHECK', item('AWS::EC2::Volume', 'vol-2', { attachments: [], state: 'available' }))).toBe('NON_COMPLIANT');
    const keep = { attachments: [{ instanceId: 'i-1', deleteOnTermination: false }] };
    expect(judge('EC2_VOLUME_INUSE_CHECK', item('AWS::EC2::Volume', 'vol-3', keep))).toBe('COMPLIANT');
    expect(judge('EC2_VOLUME_INUSE_CHECK', item('AWS::EC2::Volume', 'vol-3', keep), { deleteOnTermination: 'true' })).toBe('NON_COMPLIANT');
    expect(judge('EC2_VOLUME_INUSE_CHECK', item('AWS::EC2::Volume', 'vol-3', keep), { deleteOnTermination: 'maybe' })).toBe('NON_COMPLIANT');
    const volume = item('AWS::EC2::Volume', 'vol-1', attached);
    const terminated = item('AWS::EC2::Instance', 'i-1', { instanceId: 'i-1', state: { code: 48, name: 'terminated' } });
    expect(managedRule('EC2_VOLUME_INUSE_CHECK')!.evaluateItem!(volume, ruleContext([volume, terminated]))[0].complianceType).toBe('NON_COMPLIANT');
  });
  it('EIP_ATTACHED', () => {
    expect(judge('EIP_ATTACHED', item('AWS::EC2::EIP', 'eipalloc-1', { allocationId: 'eipalloc-1', domain: 'vpc', publicIp: '34.77.71.160' }))).toBe('NON_COMPLIANT');
    expect(judge('EIP_ATTACHED', item('AWS::EC2::EIP', 'eipalloc-1', { allocationId: 'eipalloc-1', associationId: 'eipassoc-1', instanceId: 'i-1' }))).toBe('COMPLIANT');
  });
});

describe('VPC, subnet, ACL, route table, gateway rules', () => {
  it('VPC_FLOW_LOGS_ENABLED looks for a flow log item on the VPC', () => {
    const vpcs = [item('AWS::EC2::VPC', 'vpc-a', { vpcId: 'vpc-a' }), item('AWS::EC2::VPC', 'vpc-b', { vpcId: 'vpc-b' })];
    const log = item('AWS::EC2::FlowLog', 'fl-1', { flowLogId: 'fl-1', resourceId: 'vpc-a', trafficType: 'REJECT' });
    const rule = managedRule('VPC_FLOW_LOGS_ENABLED')!;
    expect(rule.evaluatePeriodic!(ruleContext([...vpcs, log])).map((e) => e.complianceType)).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
    expect(rule.evaluatePeriodic!(ruleContext([...vpcs, log], { trafficType: 'ACCEPT' })).map((e) => e.complianceType)).toEqual(['NON_COMPLIANT', 'NON_COMPLIANT']);
  });
  it('SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED', () => {
    expect(judge('SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED', item('AWS::EC2::Subnet', 'subnet-1', { mapPublicIpOnLaunch: true }))).toBe('NON_COMPLIANT');
    expect(judge('SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED', item('AWS::EC2::Subnet', 'subnet-1', { mapPublicIpOnLaunch: false }))).toBe('COMPLIANT');
  });
  // The default ACL as kanri records it: allow all in and out.
  const defaultAcl = {
    associations: [{ networkAclAssociationId: 'aclassoc-1', networkAclId: 'acl-1', subnetId: 'subnet-1' }], isDefault: true,
    entries: [
      { cidrBlock: '0.0.0.0/0', egress: true, protocol: '-1', ruleAction: 'allow', ruleNumber: 100 },
      { cidrBlock: '0.0.0.0/0', egress: false, protocol: '-1', ruleAction: 'allow', ruleNumber: 100 },
      { cidrBlock: '0.0.0.0/0', egress: false, protocol: '-1', ruleAction: 'deny', ruleNumber: 32767 },
    ],
  };
  it('NACL_NO_UNRESTRICTED_SSH_RDP and VPC_NETWORK_ACL_UNUSED_CHECK', () => {
    expect(judge('NACL_NO_UNRESTRICTED_SSH_RDP', item('AWS::EC2::NetworkAcl', 'acl-1', defaultAcl))).toBe('NON_COMPLIANT');
    const web = { entries: [{ cidrBlock: '0.0.0.0/0', egress: false, protocol: '6', ruleAction: 'allow', ruleNumber: 100, portRange: { from: 443, to: 443 } }] };
    expect(judge('NACL_NO_UNRESTRICTED_SSH_RDP', item('AWS::EC2::NetworkAcl', 'acl-2', web))).toBe('COMPLIANT');
    const rdp = { entries: [{ ipv6CidrBlock: '::/0', egress: false, protocol: '6', ruleAction: 'allow', ruleNumber: 100, portRange: { from: 3000, to: 4000 } }] };
    expect(judge('NACL_NO_UNRESTRICTED_SSH_RDP', item('AWS::EC2::NetworkAcl', 'acl-3', rdp))).toBe('NON_COMPLIANT');
    expect(judge('VPC_NETWORK_ACL_UNUSED_CHECK', item('AWS::EC2::NetworkAcl', 'acl-1', defaultAcl))).toBe('COMPLIANT');
    expect(judge('VPC_NETWORK_ACL_UNUSED_CHECK', item('AWS::EC2::NetworkAcl', 'acl-2', { associations: [], entries: [] }))).toBe('NON_COMPLIANT');
  });
  it('NO_UNRESTRICTED_ROUTE_TO_IGW', () => {
    const rtb = { routes: [{ destinationCidrBlock: '172.31.0.0/16', gatewayId: 'local' }, { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-9c48' }] };
    expect(judge('NO_UNRESTRICTED_ROUTE_TO_IGW', item('AWS::EC2::RouteTable', 'rtb-1', rtb))).toBe('NON_COMPLIANT');
    expect(judge('NO_UNRESTRICTED_ROUTE_TO_IGW', item('AWS::EC2::RouteTable', 'rtb-1', rtb), { routeTableIds: 'rtb-1' })).toBe('COMPLIANT');
    expect(judge('NO_UNRESTRICTED_ROUTE_TO_IGW', item('AWS::EC2::RouteTable', 'rtb-2', { routes: [rtb.routes[0], { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-1' }] }))).toBe('COMPLIANT');
  });
  it('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', () => {
    const igw = item('AWS::EC2::InternetGateway', 'igw-1', { attachments: [{ state: 'available', vpcId: 'vpc-a' }] });
    expect(judge('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', igw, { AuthorizedVpcIds: 'vpc-a' })).toBe('COMPLIANT');
    expect(judge('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', igw, { AuthorizedVpcIds: 'vpc-b' })).toBe('NON_COMPLIANT');
    expect(judge('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', item('AWS::EC2::InternetGateway', 'igw-2', { attachments: [] }))).toBe('NOT_APPLICABLE');
  });
});

describe('REQUIRED_TAGS', () => {
  const params = { tag1Key: 'env', tag1Value: 'dev,prod', tag2Key: 'owner' };
  it('reads EC2 tag lists, S3 tag maps and item tags', () => {
    expect(judge('REQUIRED_TAGS', item('AWS::EC2::Instance', 'i-1', { tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'me' }] }), params)).toBe('COMPLIANT');
    expect(judge('REQUIRED_TAGS', { resourceType: 'AWS::S3::Bucket', resourceId: 'b', configuration: {}, tags: { env: 'prod', owner: 'x' } }, params)).toBe('COMPLIANT');
    const [e] = managedRule('REQUIRED_TAGS')!.evaluateItem!(item('AWS::EC2::Volume', 'vol-1', { tags: [{ key: 'env', value: 'test' }] }), ruleContext([], params));
    expect(e).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: "Required tags: tag env has the value 'test', not one of dev, prod; tag owner is missing." });
  });
  it('covers the catalogue resource types', () => {
    expect(managedRule('REQUIRED_TAGS')!.resourceTypes).toEqual(expect.arrayContaining(['AWS::EC2::Instance', 'AWS::S3::Bucket', 'AWS::EC2::SecurityGroup']));
  });
});

describe('the *_TAGGED rules', () => {
  it('S3_BUCKET_TAGGED, KMS_KEY_TAGGED and the family want tags, and the required keys', () => {
    const bucket = (tags: Record<string, string>): ConfigurationItem => ({ resourceType: 'AWS::S3::Bucket', resourceId: 'b', configuration: { name: 'b' }, tags });
    expect(judge('S3_BUCKET_TAGGED', bucket({}))).toBe('NON_COMPLIANT');
    expect(judge('S3_BUCKET_TAGGED', bucket({ 'aws:cloudformation:stack-name': 's' }))).toBe('NON_COMPLIANT');
    expect(judge('S3_BUCKET_TAGGED', bucket({ team: 'web' }))).toBe('COMPLIANT');
    const [e] = managedRule('S3_BUCKET_TAGGED')!.evaluateItem!(bucket({ team: 'web' }), ruleContext([], { requiredKeyTags: 'team,cost' }));
    expect(e).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: 'The resource does not have the required tag key(s): cost.' });
    expect(judge('KMS_KEY_TAGGED', item('AWS::KMS::Key', 'k1', { keyId: 'k1', tags: [{ key: 'owner', value: 'me' }] }), { requiredKeyTags: 'owner' })).toBe('COMPLIANT');
    expect(judge('EC2_LAUNCH_TEMPLATE_TAGGED', item('AWS::EC2::LaunchTemplate', 'lt-1', {}))).toBe('NON_COMPLIANT');
    expect(managedRule('EC2_VPN_CONNECTION_TAGGED')!.resourceTypes).toEqual(['AWS::EC2::VPNConnection']);
  });

  it('covers every *_TAGGED rule of the catalogue', () => {
    const tagged = implementedRules().filter((id) => id.endsWith('_TAGGED'));
    expect(tagged.length).toBeGreaterThan(100);
    for (const id of tagged) {
      const type = managedRule(id)!.resourceTypes[0];
      const bare = { resourceType: type, resourceId: 'r-1', configuration: {} };
      expect([id, judge(id, bare)]).toEqual([id, 'NON_COMPLIANT']);
      expect([id, judge(id, { ...bare, tags: { owner: 'me' } }, { requiredKeyTags: 'owner' })]).toEqual([id, 'COMPLIANT']);
    }
  });
});
