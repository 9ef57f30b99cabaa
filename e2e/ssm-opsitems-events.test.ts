// EventBridge rules that create OpsItems (the "Systems Manager OpsItem" target), as OpsCenter's own
// rules do: an input-transformed OpsItem with a deduplication string, a plain event, and a Config
// rule turning NON_COMPLIANT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as E from '@aws-sdk/client-ec2';
import * as EB from '@aws-sdk/client-eventbridge';
import * as S from '@aws-sdk/client-ssm';
import { startRecording } from './config-kit';
import { type Kanri, sdkConfig, startTestKanri } from './harness';

const delivery = () => require('../dist/services/events/delivery') as typeof import('../src/services/events/delivery');
const OPSITEM_TARGET = 'arn:aws:ssm:us-east-1:000000000000:opsitem';
let kanri: Kanri;
let eb: EB.EventBridgeClient;
let ssm: S.SSMClient;

beforeAll(async () => {
  kanri = await startTestKanri();
  eb = new EB.EventBridgeClient(sdkConfig(kanri));
  ssm = new S.SSMClient(sdkConfig(kanri));
});
afterAll(() => kanri?.stop());

/** The OpsItems of a source, once `count` of them exist (deliveries run just after the commit). */
async function opsItemsFrom(source: string, count: number): Promise<S.OpsItem[]> {
  let ids: string[] = [];
  for (let i = 0; i < 100 && ids.length < count; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const out = await ssm.send(new S.DescribeOpsItemsCommand({ OpsItemFilters: [{ Key: 'Source', Operator: 'Equal', Values: [source] }] }));
    ids = out.OpsItemSummaries!.map((s) => s.OpsItemId!);
  }
  return Promise.all(ids.map(async (OpsItemId) => (await ssm.send(new S.GetOpsItemCommand({ OpsItemId }))).OpsItem!));
}

const putEvent = (detail: object, resources: string[] = []) => eb.send(new EB.PutEventsCommand({
  Entries: [{ Source: 'my.monitor', DetailType: 'Disk Full', Detail: JSON.stringify(detail), Resources: resources }],
}));

describe('the Systems Manager OpsItem target', () => {
  it('creates one OpsItem from an input-transformed event, and drops duplicates while it is open', async () => {
    await eb.send(new EB.PutRuleCommand({ Name: 'disk-full', EventPattern: JSON.stringify({ source: ['my.monitor'] }) }));
    await eb.send(new EB.PutTargetsCommand({ Rule: 'disk-full', Targets: [{ Id: 'ops', Arn: OPSITEM_TARGET,
      InputTransformer: {
        InputPathsMap: { host: '$.detail.host', resources: '$.resources' },
        InputTemplate: '{"title":"Disk full on <host>","description":"The monitor saw a full disk.","source":"Monitor","severity":"2","category":"Availability",'
          + '"operationalData":{"/aws/dedup":{"type":"SearchableString","value":"{\\"dedupString\\":\\"disk-full\\"}"},"host":{"value":"<host>"}},"resources":<resources>}',
      } }] }));
    const instance = 'arn:aws:ec2:us-east-1:000000000000:instance/i-0123456789abcdef0';
    await putEvent({ host: 'web-1' }, [instance]);
    await putEvent({ host: 'web-1' }, [instance]);
    await delivery().drainDeliveries(kanri.platform); // both events have reached the target

    const [item, ...more] = await opsItemsFrom('Monitor', 1);
    expect(more).toEqual([]);
    expect(item).toMatchObject({ Title: 'Disk full on web-1', Description: 'The monitor saw a full disk.', Status: 'Open', Severity: '2', Category: 'Availability',
      CreatedBy: 'events.amazonaws.com' });
    expect(item.OperationalData!.host).toEqual({ Type: 'String', Value: 'web-1' });
    expect(JSON.parse(item.OperationalData!['/aws/resources'].Value!)).toEqual([{ arn: instance }]);

    // Once resolved, the same problem opens a new OpsItem.
    await ssm.send(new S.UpdateOpsItemCommand({ OpsItemId: item.OpsItemId!, Status: 'Resolved' }));
    await putEvent({ host: 'web-1' }, [instance]);
    expect((await opsItemsFrom('Monitor', 2)).map((i) => i.Status).sort()).toEqual(['Open', 'Resolved']);
  });

  it('titles an untransformed event by its detail-type', async () => {
    await eb.send(new EB.PutRuleCommand({ Name: 'raw', EventPattern: JSON.stringify({ source: ['my.raw'] }) }));
    await eb.send(new EB.PutTargetsCommand({ Rule: 'raw', Targets: [{ Id: 'ops', Arn: OPSITEM_TARGET }] }));
    await eb.send(new EB.PutEventsCommand({ Entries: [{ Source: 'my.raw', DetailType: 'Backup Failed', Detail: '{"job":"nightly"}' }] }));
    const [item] = await opsItemsFrom('my.raw', 1);
    expect(item.Title).toBe('Backup Failed');
    expect(item.Description).toMatch(/^EventBridge rule arn:aws:events:us-east-1:000000000000:rule\/raw was triggered by event [0-9a-f-]{36} from my\.raw\.$/);
  });

  it('opens an OpsItem when a Config rule finds a resource NON_COMPLIANT', async () => {
    const cfg = new C.ConfigServiceClient(sdkConfig(kanri));
    const ec2 = new E.EC2Client(sdkConfig(kanri));
    await startRecording(kanri, cfg);
    await cfg.send(new C.PutConfigRuleCommand({ ConfigRule: { ConfigRuleName: 'restricted-ssh', Source: { Owner: 'AWS', SourceIdentifier: 'INCOMING_SSH_DISABLED' } } }));
    await eb.send(new EB.PutRuleCommand({ Name: 'noncompliant', EventPattern: JSON.stringify({
      source: ['aws.config'], 'detail-type': ['Config Rules Compliance Change'], detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
    }) }));
    await eb.send(new EB.PutTargetsCommand({ Rule: 'noncompliant', Targets: [{ Id: 'ops', Arn: OPSITEM_TARGET, InputTransformer: {
      InputPathsMap: { rule: '$.detail.configRuleName', id: '$.detail.resourceId' },
      InputTemplate: '{"title":"<id> breaks <rule>","description":"AWS Config found a non-compliant resource.","source":"Config Compliance"}',
    } }] }));

    const vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
    const group = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'open', Description: 'open', VpcId: vpc }))).GroupId!;
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: group, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await kanri.platform.outbox.drain();

    const titles = (await opsItemsFrom('Config Compliance', 1)).map((i) => i.Title);
    expect(titles).toEqual([`${group} breaks restricted-ssh`]);
  });
});
