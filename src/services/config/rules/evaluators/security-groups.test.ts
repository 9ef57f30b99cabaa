import { describe, expect, it } from 'vitest';
import { ruleContext } from '../item-index';
import { evaluateAccount, managedRule } from '../registry';
import type { ConfigurationItem } from '../types';

// What kanri's EC2 records for a group (AuthorizeSecurityGroupIngress 22 from anywhere): ipRanges as {cidrIp}.
const kanriGroup = (ipPermissions: unknown[], groupName = 'open', id = 'sg-466e1940d271d5af4'): ConfigurationItem => ({
  resourceType: 'AWS::EC2::SecurityGroup', resourceId: id, configurationItemStatus: 'OK',
  configuration: {
    description: 'd', groupName, groupId: id, ownerId: '000000000000', vpcId: 'vpc-1',
    ipPermissions, ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }],
  },
});
const tcp = (from: number, to: number, cidr = '0.0.0.0/0') => ({ ipProtocol: 'tcp', fromPort: from, toPort: to, ipRanges: [{ cidrIp: cidr }], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] });
// AWS's own item shape: ipRanges as strings, ipv4Ranges as objects.
const awsTcp = (from: number, to: number, cidr: string) => ({ ipProtocol: 'tcp', fromPort: from, toPort: to, ipRanges: [cidr], ipv4Ranges: [{ cidrIp: cidr }], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] });

function judge(id: string, item: ConfigurationItem, params: Record<string, string> = {}, others: ConfigurationItem[] = []) {
  return managedRule(id)!.evaluateItem!(item, ruleContext([item, ...others], params));
}

describe('INCOMING_SSH_DISABLED', () => {
  it('is NON_COMPLIANT for 22 open to 0.0.0.0/0, ::/0, a covering range or all traffic', () => {
    for (const p of [tcp(22, 22), tcp(0, 1024), awsTcp(22, 22, '0.0.0.0/0'), { ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
      { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [], ipv6Ranges: [{ cidrIpv6: '::/0' }] }]) {
      const [e] = judge('INCOMING_SSH_DISABLED', kanriGroup([p]));
      expect(e.complianceType).toBe('NON_COMPLIANT');
      expect(e.annotation).toMatch(/SSH/);
    }
  });
  it('is COMPLIANT for 22 from a private range, other ports, UDP 22 or no rules', () => {
    for (const p of [[tcp(22, 22, '10.0.0.0/8')], [awsTcp(22, 22, '192.168.0.0/16')], [tcp(443, 443)], [{ ipProtocol: 'udp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIp: '0.0.0.0/0' }] }], []]) {
      expect(judge('INCOMING_SSH_DISABLED', kanriGroup(p))).toEqual([{ resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-466e1940d271d5af4', complianceType: 'COMPLIANT' }]);
    }
  });
  it('runs periodically over every group', () => {
    const a = kanriGroup([tcp(22, 22)], 'a', 'sg-a');
    const b = kanriGroup([], 'b', 'sg-b');
    const out = evaluateAccount(managedRule('INCOMING_SSH_DISABLED')!, ruleContext([a, b]));
    expect(out.map((e) => [e.resourceId, e.complianceType])).toEqual([['sg-a', 'NON_COMPLIANT'], ['sg-b', 'COMPLIANT']]);
  });
});

describe('RESTRICTED_INCOMING_TRAFFIC', () => {
  const defaults = { blockedPort1: '20', blockedPort2: '21', blockedPort3: '3389', blockedPort4: '3306', blockedPort5: '4333' };
  it('flags the default blocked ports open to the world', () => {
    const [e] = judge('RESTRICTED_INCOMING_TRAFFIC', kanriGroup([tcp(3306, 3306)]), defaults);
    expect(e).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: expect.stringContaining('3306') });
    expect(judge('RESTRICTED_INCOMING_TRAFFIC', kanriGroup([tcp(3306, 3306, '10.0.0.0/16')]), defaults)[0].complianceType).toBe('COMPLIANT');
    expect(judge('RESTRICTED_INCOMING_TRAFFIC', kanriGroup([tcp(22, 22)]), defaults)[0].complianceType).toBe('COMPLIANT');
  });
  it('takes blockedPorts as a CSV of ports and ranges', () => {
    expect(judge('RESTRICTED_INCOMING_TRAFFIC', kanriGroup([tcp(8080, 8080)]), { blockedPorts: '80,8000-8100' })[0].complianceType).toBe('NON_COMPLIANT');
    expect(() => judge('RESTRICTED_INCOMING_TRAFFIC', kanriGroup([]), { blockedPorts: 'eighty' })).toThrow(/blockedPorts/);
  });
});

describe('VPC_DEFAULT_SECURITY_GROUP_CLOSED', () => {
  it('wants no rules on the default group and ignores others', () => {
    const open = kanriGroup([{ ipProtocol: '-1', userIdGroupPairs: [{ groupId: 'sg-x' }] }], 'default');
    expect(judge('VPC_DEFAULT_SECURITY_GROUP_CLOSED', open)[0].complianceType).toBe('NON_COMPLIANT');
    const closed = { ...open, configuration: { ...open.configuration, ipPermissions: [], ipPermissionsEgress: [] } };
    expect(judge('VPC_DEFAULT_SECURITY_GROUP_CLOSED', closed)[0].complianceType).toBe('COMPLIANT');
    expect(judge('VPC_DEFAULT_SECURITY_GROUP_CLOSED', kanriGroup([tcp(22, 22)]))[0].complianceType).toBe('NOT_APPLICABLE');
  });
});

describe('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', () => {
  it('allows world-open ports only within the authorized lists', () => {
    const params = { authorizedTcpPorts: '443,1020-1025', authorizedUdpPorts: '500' };
    expect(judge('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', kanriGroup([tcp(443, 443), tcp(1021, 1022)]), params)[0].complianceType).toBe('COMPLIANT');
    const [bad] = judge('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', kanriGroup([tcp(80, 80)]), params);
    expect(bad).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: expect.stringContaining('tcp 80') });
    expect(judge('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', kanriGroup([{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }]), params)[0].complianceType).toBe('NON_COMPLIANT');
    expect(judge('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', kanriGroup([tcp(80, 80, '10.0.0.0/8')]), params)[0].complianceType).toBe('NOT_APPLICABLE');
    expect(judge('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', kanriGroup([tcp(443, 443)]), {})[0].complianceType).toBe('NON_COMPLIANT');
  });
});

describe('EC2_SECURITY_GROUP_ATTACHED_TO_ENI', () => {
  const eni: ConfigurationItem = { resourceType: 'AWS::EC2::NetworkInterface', resourceId: 'eni-1', configuration: { groups: [{ groupId: 'sg-used', groupName: 'used' }] } };
  it('wants non-default groups used by a network interface', () => {
    expect(judge('EC2_SECURITY_GROUP_ATTACHED_TO_ENI', kanriGroup([], 'used', 'sg-used'), {}, [eni])[0].complianceType).toBe('COMPLIANT');
    expect(judge('EC2_SECURITY_GROUP_ATTACHED_TO_ENI', kanriGroup([], 'idle', 'sg-idle'), {}, [eni])[0].complianceType).toBe('NON_COMPLIANT');
    expect(judge('EC2_SECURITY_GROUP_ATTACHED_TO_ENI', kanriGroup([], 'default', 'sg-d'), {}, [eni])[0].complianceType).toBe('NOT_APPLICABLE');
    const out = managedRule('EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC')!.evaluatePeriodic!(ruleContext([eni, kanriGroup([], 'used', 'sg-used'), kanriGroup([], 'idle', 'sg-idle')]));
    expect(out.map((e) => e.complianceType)).toEqual(['COMPLIANT', 'NON_COMPLIANT']);
  });
});
