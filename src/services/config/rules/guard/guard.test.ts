import { describe, expect, it } from 'vitest';
import type { ConfigurationItem } from '../types';
import { compileGuardPolicy, evaluatePolicy, GuardSyntaxError, parsePolicy } from './index';

const run = (policy: string, doc: unknown) => evaluatePolicy(parsePolicy(policy), doc);

// The example of AWS Config's "Creating AWS Config Custom Policy Rules" page (DynamoDB PITR).
const DYNAMODB_POLICY = `
let status = ['ACTIVE']

rule tableisactive when
    resourceType == "AWS::DynamoDB::Table" {
    configuration.tableStatus == %status
}

rule checkcompliance when
    resourceType == "AWS::DynamoDB::Table"
    tableisactive {
        supplementaryConfiguration.ContinuousBackupsDescription.pointInTimeRecoveryDescription.pointInTimeRecoveryStatus == "ENABLED"
}`;

const table = (status: string, pitr: string): ConfigurationItem => ({
  resourceType: 'AWS::DynamoDB::Table', resourceId: 't1', configuration: { tableName: 't1', tableStatus: status },
  supplementaryConfiguration: { ContinuousBackupsDescription: { pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: pitr } } },
});

describe('Guard policies as AWS Config custom policy rules', () => {
  it('evaluates the AWS Config documentation example', () => {
    const judge = compileGuardPolicy(DYNAMODB_POLICY);
    expect(judge(table('ACTIVE', 'ENABLED'))).toEqual({ resourceType: 'AWS::DynamoDB::Table', resourceId: 't1', complianceType: 'COMPLIANT' });
    const bad = judge(table('ACTIVE', 'DISABLED'));
    expect(bad.complianceType).toBe('NON_COMPLIANT');
    expect(bad.annotation).toContain('pointInTimeRecoveryStatus == "ENABLED"');
    // An inactive table: the first rule fails, so the second is skipped.
    expect(judge(table('CREATING', 'DISABLED')).complianceType).toBe('NON_COMPLIANT');
    expect(judge({ resourceType: 'AWS::S3::Bucket', resourceId: 'b', configuration: {} }).complianceType).toBe('NOT_APPLICABLE');
  });

  it('judges a security group item (SSH open to the world)', () => {
    const policy = `
      rule no_open_ssh when resourceType == "AWS::EC2::SecurityGroup" {
        configuration.ipPermissions[ fromPort == 22 ] {
          ipRanges[*].cidrIp != "0.0.0.0/0" <<SSH must not be open to the world>>
        }
      }`;
    const sg = (cidr: string): ConfigurationItem => ({
      resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1',
      configuration: { groupName: 'g', ipPermissions: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIp: cidr }] }, { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidrIp: '0.0.0.0/0' }] }] },
    });
    const judge = compileGuardPolicy(policy);
    expect(judge(sg('0.0.0.0/0'))).toMatchObject({ complianceType: 'NON_COMPLIANT', annotation: 'Failed: SSH must not be open to the world' });
    expect(judge(sg('10.0.0.0/8')).complianceType).toBe('COMPLIANT');
  });
});


// The complete rule of cloudformation-guard's docs/QUERY_AND_FILTERING.md, on its sample
// AWS::EC2::SecurityGroup configuration item.
const ANY_IP_INGRESS = `
rule any_ip_ingress_checks
{
    let ports = InputParameter.TcpBlockedPorts[*]

    let targets = configuration.ipPermissions[
        some ipv4Ranges[*].cidrIp == '0.0.0.0/0' or
        some ipv6Ranges[*].cidrIpv6 == '::/0'
        ipProtocol != 'udp' ]

    when %targets !empty
    {
        %targets {
            ipProtocol != '-1'
            <<
              result: NON_COMPLIANT
              check_id: HUB_ID_2334
              message: Any IP Protocol is allowed
            >>

            when fromPort exists
                 toPort exists
            {
                let each_target = this
                %ports {
                    this < %each_target.fromPort or
                    this > %each_target.toPort
                    <<
                        result: NON_COMPLIANT
                        check_id: HUB_ID_2340
                        message: Blocked TCP port was allowed in range
                    >>
                }
            }
        }
     }
}`;

const docItem = (secondFrom: number, secondTo: number) => ({
  resourceType: 'AWS::EC2::SecurityGroup',
  configuration: {
    ipPermissions: [
      { fromPort: 172, ipProtocol: 'tcp', toPort: 172, ipv4Ranges: [{ cidrIp: '10.0.0.0/24' }, { cidrIp: '0.0.0.0/0' }] },
      { fromPort: secondFrom, ipProtocol: 'tcp', ipv6Ranges: [{ cidrIpv6: '::/0' }], toPort: secondTo, userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '1.1.1.1/32' }] },
      { fromPort: 89, ipProtocol: '-1', toPort: 189, userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '1.1.1.1/32' }] },
    ],
    ipPermissionsEgress: [{ ipProtocol: '-1', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }], ipRanges: ['0.0.0.0/0'] }],
    tags: [{ key: 'Name', value: 'good-sg-delete-me' }],
    vpcId: 'vpc-0123abcd',
  },
  InputParameter: { TcpBlockedPorts: [3389, 20, 21, 110, 143] },
});

describe('the Guard documentation example on a Config item', () => {
  it('fails when a world-open rule spans a blocked port (89-189 holds 110 and 143)', () => {
    const r = run(ANY_IP_INGRESS, docItem(89, 189));
    expect(r.status).toBe('FAIL');
    expect(r.failures.some((f) => f.includes('Blocked TCP port was allowed in range'))).toBe(true);
  });
  it('passes when no world-open rule reaches a blocked port', () => {
    expect(run(ANY_IP_INGRESS, docItem(200, 300)).status).toBe('PASS');
  });
});

describe('Guard language', () => {
  const template = {
    Resources: {
      vol1: { Type: 'AWS::EC2::Volume', Properties: { Size: 100, VolumeType: 'gp2', Encrypted: true, Tags: [{ Key: 'env', Value: 'prod' }] } },
      vol2: { Type: 'AWS::EC2::Volume', Properties: { Size: 60, VolumeType: 'gp2', Encrypted: true, Tags: [] } },
      bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
    },
  };
  it('runs the Guard user guide volume example: let over a filter, when %var !empty, ranges', () => {
    const policy = `
      let volumes = Resources.*[ Type == 'AWS::EC2::Volume' ]
      rule sample_ebs_volume_type_and_size when %volumes !empty {
          %volumes.Properties.Size IN r(50, 200)
          %volumes.Properties.VolumeType == 'gp2'
      }`;
    expect(run(policy, template)).toMatchObject({ status: 'PASS', rules: { sample_ebs_volume_type_and_size: 'PASS' } });
    expect(run(policy.replace('r(50, 200)', 'r[70, 200]'), template).status).toBe('FAIL');
    expect(run(policy, { Resources: { b: template.Resources.bucket } }).status).toBe('SKIP');
  });
  it('supports blocks, some, or, not, EXISTS, EMPTY and type checks', () => {
    expect(run(`Resources.*[ Type == 'AWS::S3::Bucket' ] { Properties.BucketName is_string
      Properties.BucketEncryption !exists }`, template).status).toBe('PASS');
    expect(run(`Resources.*[ Type == 'AWS::EC2::Volume' ].Properties.Tags !empty`, template).status).toBe('FAIL');
    expect(run(`some Resources.*[ Type == 'AWS::EC2::Volume' ].Properties.Tags[*].Key == 'env'`, template).status).toBe('PASS');
    expect(run(`Resources.*.Type == 'AWS::Lambda::Function' or Resources.*.Type in ['AWS::EC2::Volume', 'AWS::S3::Bucket']`, template).status).toBe('PASS');
    expect(run(`Resources.*.Type not in ['AWS::IAM::User']`, template).status).toBe('PASS');
    expect(run(`Resources.*.Properties.Encrypted == true`, template).status).toBe('FAIL'); // the bucket has none
    expect(run(`Resources.vol1.Properties.Size > 99
      Resources.vol1.Properties.Size <= 100
      Resources.vol1.Properties.Size is_int
      Resources.vol1.Properties.Tags is_list
      Resources.vol1.Properties is_struct
      Resources.vol1.Type == /^AWS::EC2::/`, template).status).toBe('PASS');
    expect(run(`Resources.vol2.Properties.Tags empty`, template).status).toBe('PASS');
    expect(run(`Resources.vol1.Properties.Tags[0].Value == 'prod'`, template).status).toBe('PASS');
  });
  it('supports when blocks, named rules with negation, and this', () => {
    const policy = `
      rule has_volumes { Resources.*[ Type == 'AWS::EC2::Volume' ] !empty }
      rule no_functions { Resources.*[ Type == 'AWS::Lambda::Function' ] empty }
      rule combined when has_volumes !no_functions { Resources.vol1.Type == 'x' }
      rule sizes {
        when has_volumes {
          Resources.*[ Type == 'AWS::EC2::Volume' ].Properties.Size { this >= 50 }
        }
      }`;
    expect(run(policy, template).rules).toEqual({ has_volumes: 'PASS', no_functions: 'PASS', combined: 'SKIP', sizes: 'PASS' });
  });
  it('reports custom messages and clause text for failures', () => {
    const r = run(`rule r { Resources.vol1.Properties.Size < 10 <<volumes must be tiny>>
      Resources.vol1.Properties.VolumeType == 'io2' }`, template);
    expect(r.failures).toEqual(['volumes must be tiny', 'Resources.vol1.Properties.VolumeType == "io2"']);
  });
  it('rejects text that is not Guard, with the line', () => {
    expect(() => parsePolicy('rule r {\n  configuration.x ===\n}')).toThrow(GuardSyntaxError);
    expect(() => parsePolicy('rule r {\n  configuration.x == \n')).toThrow(/line 3/);
    expect(() => parsePolicy('')).toThrow(/no rules/);
    expect(() => parsePolicy("rule r { x == 'open }")).toThrow(/unterminated string/);
  });
  it('keeps request-named keys inert', () => {
    expect(run(`__proto__ exists`, {}).status).toBe('FAIL');
    expect(run(`constructor !exists`, { a: 1 }).status).toBe('PASS');
  });
});
