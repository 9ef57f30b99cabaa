import { describe, expect, it } from 'vitest';
import { callerCredentials, instanceRegion } from './ec2';
import { plan } from './instance-agents';

describe('instance agents', () => {
  it('starts agents for newly running instances and stops those no longer running', () => {
    expect(plan(['a/r/i-1', 'a/r/i-2'], ['a/r/i-2', 'a/r/i-3'])).toEqual({ start: ['a/r/i-1'], stop: ['a/r/i-3'] });
    expect(plan([], [])).toEqual({ start: [], stop: [] });
    expect(plan(['a/r/i-1'], ['a/r/i-1'])).toEqual({ start: [], stop: [] });
  });

  it('signs an instance agent\'s credential request with the caller\'s environment, as the AWS CLI reads it', () => {
    expect(callerCredentials({ AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' })).toEqual({ accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: 't' });
    expect(callerCredentials({})).toEqual({ accessKeyId: 'test', secretAccessKey: 'test', sessionToken: undefined });
    expect(instanceRegion('eu-west-1', { AWS_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(instanceRegion(undefined, { AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1');
    expect(instanceRegion(undefined, {})).toBe('us-east-1');
  });
});
