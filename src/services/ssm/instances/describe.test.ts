import { describe, expect, it } from 'vitest';
import { pingStatus } from './describe';
import type { ManagedInstance } from './store';

const base: ManagedInstance = {
  accountId: '000000000000', region: 'us-east-1', instanceId: 'i-0123456789abcdef0', resourceType: 'EC2Instance', activationId: null, iamRole: 'R',
  name: null, fingerprint: null, registrationDate: 0, lastPing: 1_000_000, agentVersion: null, platformType: null, platformName: null,
  platformVersion: null, ipAddress: null, computerName: null,
};

describe('PingStatus', () => {
  it('is Online while the agent was heard from in the last 10 minutes, then ConnectionLost', () => {
    expect(pingStatus(base, 1_000_000 + 600_000)).toBe('Online');
    expect(pingStatus(base, 1_000_000 + 600_001)).toBe('ConnectionLost');
  });

  it('is ConnectionLost at once for an EC2 instance that is not running', () => {
    expect(pingStatus({ ...base, ec2State: 'running' }, 1_000_000)).toBe('Online');
    for (const state of ['stopping', 'stopped', 'shutting-down', 'terminated']) expect(pingStatus({ ...base, ec2State: state }, 1_000_000)).toBe('ConnectionLost');
    expect(pingStatus({ ...base, resourceType: 'ManagedInstance', activationId: 'x', ec2State: 'stopped' }, 1_000_000)).toBe('Online');
  });
});
