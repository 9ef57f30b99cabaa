// The template reader against AWS's sample packs and the CloudFormation forms packs use.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplate, templateRules } from './template';
import { parseYaml } from './yaml';

const env = { accountId: '000000000000', region: 'us-east-1', partition: 'aws', stackName: 'awsconfigconforms-p' };
const dir = join(__dirname, '..', 'rules', 'data', 'conformance-packs');

describe('conformance pack templates', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    it(`resolves ${file}`, () => {
      const rules = templateRules(parseTemplate(readFileSync(join(dir, file), 'utf8')), [], env);
      expect(rules.length).toBeGreaterThan(3);
      for (const r of rules) expect(r.rule.Source.Owner).toBe('AWS');
    });
  }
  it('applies defaults, input parameters, conditions and AWS::NoValue', () => {
    const text = readFileSync(join(dir, 'Operational-Best-Practices-for-Amazon-S3.yaml'), 'utf8');
    const rules = templateRules(parseTemplate(text), [{ ParameterName: 'S3AccountLevelPublicAccessBlocksPeriodicParamBlockPublicAcls', ParameterValue: 'False' }], env);
    const blocks = rules.find((r) => r.rule.ConfigRuleName === 's3-account-level-public-access-blocks-periodic')!;
    expect(JSON.parse(blocks.rule.InputParameters)).toMatchObject({ BlockPublicAcls: 'False', BlockPublicPolicy: 'True' });
  });
  it('reads short tags, flow collections and block scalars', () => {
    const doc = parseYaml(`
Parameters:
  Port: {Type: String, Default: "22"}
  Empty: {Type: String, Default: ""}
Conditions:
  HasPort: !Not [!Equals [!Ref Port, ""]]
  NoEmpty: !Equals [!Ref Empty, ""]
Resources:
  R:
    Type: AWS::Config::ConfigRule
    Condition: HasPort
    Properties:
      ConfigRuleName: !Sub "ports-\${AWS::Region}"
      InputParameters:
        blockedPort1: !If [HasPort, !Ref Port, !Ref "AWS::NoValue"]
        other: !If [NoEmpty, !Ref "AWS::NoValue", x]
      Source:
        Owner: CUSTOM_POLICY
        SourceDetails:
          - EventSource: aws.config
            MessageType: ConfigurationItemChangeNotification
        CustomPolicyDetails:
          PolicyRuntime: guard-2.x.x
          PolicyText: |
            rule ok { configuration.x == 1 }
`) as any;
    const [r] = templateRules(doc, [], env);
    expect(r.rule.ConfigRuleName).toBe('ports-us-east-1');
    expect(JSON.parse(r.rule.InputParameters)).toEqual({ blockedPort1: '22' });
    expect(r.rule.Source.SourceDetails).toEqual([{ EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' }]);
    expect(r.rule.Source.CustomPolicyDetails.PolicyText).toBe('rule ok { configuration.x == 1 }\n');
  });
  it('refuses other resources, unknown parameters and bad YAML', () => {
    const bucket = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';
    expect(() => templateRules(parseTemplate(bucket), [], env)).toThrow(/AWS::S3::Bucket/);
    const rule = 'Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      Source: {Owner: AWS, SourceIdentifier: EIP_ATTACHED}\n';
    expect(() => templateRules(parseTemplate(rule), [{ ParameterName: 'Nope', ParameterValue: 'x' }], env)).toThrow(/Nope/);
    expect(() => parseTemplate('Resources:\n  R: [\n')).toThrow(/Template format error/);
    expect(() => parseTemplate('Bogus: 1\nResources: {R: {Type: x}}')).toThrow(/Unrecognized/);
  });
});
