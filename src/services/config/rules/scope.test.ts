import { describe, expect, it } from 'vitest';
import { inScope, scopeTypes } from './scope';

const sg = { resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', configuration: { tags: [{ key: 'env', value: 'prod' }] } };
const bucket = { resourceType: 'AWS::S3::Bucket', resourceId: 'b', configuration: {}, tags: { team: 'web' } };

describe('rule scope', () => {
  it('matches resource types, one resource id and tags', () => {
    expect(inScope(undefined, sg)).toBe(true);
    expect(inScope({}, sg)).toBe(true);
    expect(inScope({ ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'] }, sg)).toBe(true);
    expect(inScope({ ComplianceResourceTypes: ['AWS::EC2::Instance'] }, sg)).toBe(false);
    expect(inScope({ ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'], ComplianceResourceId: 'sg-1' }, sg)).toBe(true);
    expect(inScope({ ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'], ComplianceResourceId: 'sg-2' }, sg)).toBe(false);
    expect(inScope({ TagKey: 'env' }, sg)).toBe(true);
    expect(inScope({ TagKey: 'env', TagValue: 'prod' }, sg)).toBe(true);
    expect(inScope({ TagKey: 'env', TagValue: 'dev' }, sg)).toBe(false);
    expect(inScope({ TagKey: 'team', TagValue: 'web' }, bucket)).toBe(true);
    expect(inScope({ TagKey: 'env' }, bucket)).toBe(false);
    expect(inScope({ TagKey: '__proto__' }, bucket)).toBe(false);
  });
  it('gives the types a scope can match, for indexing', () => {
    expect(scopeTypes({ ComplianceResourceTypes: ['AWS::S3::Bucket'] }, ['AWS::EC2::Instance'])).toEqual(['AWS::S3::Bucket']);
    expect(scopeTypes(undefined, ['AWS::EC2::Instance'])).toEqual(['AWS::EC2::Instance']);
    expect(scopeTypes({ TagKey: 'x' }, [])).toBeUndefined();
  });
});
