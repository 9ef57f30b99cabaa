import { describe, expect, it } from 'vitest';
import { configCase, configName } from './config-case';

describe('configName', () => {
  it('lower-cases the leading capitals as AWS Config does', () => {
    expect(['KeyId', 'AWSAccountId', 'KMSKeyArn', 'S3BucketName', 'TrailARN', 'userName', 'IsMultiRegionTrail'].map(configName))
      .toEqual(['keyId', 'awsaccountId', 'kmskeyArn', 's3BucketName', 'trailARN', 'userName', 'isMultiRegionTrail']);
  });
});

describe('configCase', () => {
  it('renames nested members, keeps user maps and turns dates into text', () => {
    const out = configCase({ Environment: { Variables: { MY_VAR: '1' } }, Tags: [{ Key: 'a', Value: 'b' }], CreationDate: new Date(0), Gone: undefined },
      new Set(['Variables']));
    expect(out).toEqual({ environment: { variables: { MY_VAR: '1' } }, tags: [{ key: 'a', value: 'b' }], creationDate: '1970-01-01T00:00:00.000Z' });
  });
});
