import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { managedRule } from '../registry';
import type { ConfigurationItem } from '../types';

// The fields kanri's RunInstances records (camelCase DescribeInstances), trimmed.
const instance = (over: Record<string, unknown> = {}, id = 'i-c6048bb4dd89eea78'): ConfigurationItem => ({
  resourceType: 'AWS::EC2::Instance', resourceId: id, configurationItemCaptureTime: '2025-11-01T00:00:00.000Z',
  configuration: {
    imageId: 'ami-287a71666011a8a29', instanceId: id, instanceType: 't3.micro', monitoring: { state: 'disabled' },
    state: { code: 16, name: 'running' }, stateTransitionReason: '', subnetId: 'subnet-1', vpcId: 'vpc-1', virtualizationType: 'hvm',
    metadataOptions: { state: 'applied', httpTokens: 'optional', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
    networkInterfaces: [{ networkInterfaceId: 'eni-1', association: undefined }], privateIpAddress: '10.9.1.4', publicDnsName: '',
    ...over,
  },
});
const judge = (id: string, item: ConfigurationItem, params: Record<string, string> = {}, others: ConfigurationItem[] = []) =>
  managedRule(id)!.evaluateItem!(item, ruleContext([item, ...others], params));
const verdicts = (id: string, cases: [Record<string, unknown>, string][], params: Record<string, string> = {}) =>
  cases.forEach(([over, want]) => expect([over, judge(id, instance(over), params)[0].complianceType]).toEqual([over, want]));

describe('EC2 instance rules', () => {
  it('EC2_INSTANCE_NO_PUBLIC_IP', () =>
    verdicts('EC2_INSTANCE_NO_PUBLIC_IP', [[{}, 'COMPLIANT'], [{ publicIpAddress: '54.1.2.3' }, 'NON_COMPLIANT'],
      [{ networkInterfaces: [{ association: { publicIp: '3.3.3.3' } }] }, 'NON_COMPLIANT'], [{ state: { name: 'terminated' }, publicIpAddress: '1.1.1.1' }, 'NOT_APPLICABLE']]));
  it('EC2_INSTANCE_MANAGED_BY_SSM needs the instance inventory item', () => {
    expect(judge('EC2_INSTANCE_MANAGED_BY_SSM', instance())[0]).toMatchObject({ complianceType: 'NON_COMPLIANT' });
    const inventory: ConfigurationItem = { resourceType: 'AWS::SSM::ManagedInstanceInventory', resourceId: 'i-c6048bb4dd89eea78', configuration: { AWS: {} } };
    expect(judge('EC2_INSTANCE_MANAGED_BY_SSM', instance(), {}, [inventory])[0].complianceType).toBe('COMPLIANT');
    // A change of the inventory item re-judges its instance.
    expect(managedRule('EC2_INSTANCE_MANAGED_BY_SSM')!.evaluateItem!(inventory, ruleContext([instance(), inventory]))[0]).toMatchObject({ resourceType: 'AWS::EC2::Instance', complianceType: 'COMPLIANT' });
  });
  it('INSTANCES_IN_VPC', () => {
    verdicts('INSTANCES_IN_VPC', [[{}, 'COMPLIANT'], [{ vpcId: undefined }, 'NON_COMPLIANT']]);
    verdicts('INSTANCES_IN_VPC', [[{}, 'NON_COMPLIANT'], [{ vpcId: 'vpc-2' }, 'COMPLIANT']], { vpcId: 'vpc-2' });
  });
  it('DESIRED_INSTANCE_TYPE and APPROVED_AMIS_BY_ID', () => {
    verdicts('DESIRED_INSTANCE_TYPE', [[{}, 'COMPLIANT'], [{ instanceType: 'm5.large' }, 'NON_COMPLIANT']], { instanceType: 't2.micro, t3.micro' });
    verdicts('APPROVED_AMIS_BY_ID', [[{}, 'NON_COMPLIANT'], [{ imageId: 'ami-good' }, 'COMPLIANT']], { amiIds: 'ami-good,ami-other' });
  });
  it('EC2_IMDSV2_CHECK, monitoring, hop limit', () => {
    verdicts('EC2_IMDSV2_CHECK', [[{}, 'NON_COMPLIANT'], [{ metadataOptions: { httpTokens: 'required' } }, 'COMPLIANT'], [{ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' } }, 'COMPLIANT']]);
    verdicts('EC2_INSTANCE_DETAILED_MONITORING_ENABLED', [[{}, 'NON_COMPLIANT'], [{ monitoring: { state: 'enabled' } }, 'COMPLIANT']]);
    verdicts('EC2_TOKEN_HOP_LIMIT_CHECK', [[{}, 'COMPLIANT'], [{ metadataOptions: { httpPutResponseHopLimit: 2 } }, 'NON_COMPLIANT']]);
    verdicts('EC2_TOKEN_HOP_LIMIT_CHECK', [[{ metadataOptions: { httpPutResponseHopLimit: 2 } }, 'COMPLIANT']], { tokenHopLimit: '2' });
  });
  it('profiles, ENIs, key pairs, virtualization', () => {
    const arn = 'arn:aws:iam::000000000000:instance-profile/web';
    verdicts('EC2_INSTANCE_PROFILE_ATTACHED', [[{}, 'NON_COMPLIANT'], [{ iamInstanceProfile: { arn, id: 'AIPA' } }, 'COMPLIANT']]);
    verdicts('EC2_INSTANCE_PROFILE_ATTACHED', [[{ iamInstanceProfile: { arn } }, 'NON_COMPLIANT']], { IamInstanceProfileArnList: 'arn:aws:iam::000000000000:instance-profile/db' });
    const two = { networkInterfaces: [{ networkInterfaceId: 'eni-1' }, { networkInterfaceId: 'eni-2' }] };
    verdicts('EC2_INSTANCE_MULTIPLE_ENI_CHECK', [[{}, 'COMPLIANT'], [two, 'NON_COMPLIANT']]);
    verdicts('EC2_INSTANCE_MULTIPLE_ENI_CHECK', [[two, 'COMPLIANT']], { NetworkInterfaceIds: 'eni-1,eni-2' });
    verdicts('EC2_NO_AMAZON_KEY_PAIR', [[{}, 'COMPLIANT'], [{ keyName: 'my-key' }, 'NON_COMPLIANT']]);
    verdicts('EC2_PARAVIRTUAL_INSTANCE_CHECK', [[{}, 'COMPLIANT'], [{ virtualizationType: 'paravirtual' }, 'NON_COMPLIANT']]);
  });
  it('EC2_STOPPED_INSTANCE counts days since the stop', () => {
    const rule = managedRule('EC2_STOPPED_INSTANCE')!;
    const now = new Date('2026-01-01T00:00:00Z');
    const long = instance({ state: { name: 'stopped' }, stateTransitionReason: 'User initiated (2025-11-01 10:00:00 GMT)' }, 'i-long');
    const short = instance({ state: { name: 'stopped' }, stateTransitionReason: 'User initiated (2025-12-25 10:00:00 GMT)' }, 'i-short');
    const running = instance({}, 'i-run');
    const out = rule.evaluatePeriodic!(ruleContext([long, short, running], { AllowedDays: '30' }, { now }));
    expect(out.map((e) => [e.resourceId, e.complianceType])).toEqual([['i-long', 'NON_COMPLIANT'], ['i-short', 'COMPLIANT'], ['i-run', 'COMPLIANT']]);
    expect(rule.evaluatePeriodic!(ruleContext([short], { AllowedDays: '3' }, { now }))[0].complianceType).toBe('NON_COMPLIANT');
  });
});
