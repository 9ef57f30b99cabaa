// OpsCenter through the SDK v3: an OpsItem through its whole life (Open, InProgress, Resolved),
// dedup strings, operational data, filters, related items and the OpsItem summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { rejects, sdkConfig, startTestKanri, type Kanri } from './harness';

let kanri: Kanri;
let ssm: S.SSMClient;
const ACCOUNT = '000000000000';

beforeAll(async () => {
  kanri = await startTestKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
});
afterAll(async () => { await kanri.stop(); });

const create = (input: Partial<S.CreateOpsItemCommandInput> = {}) => ssm.send(new S.CreateOpsItemCommand({
  Title: 'Disk almost full', Description: 'The root volume of the web server is 95% full.', Source: 'EC2', ...input,
}));

describe('OpsItems', () => {
  it('goes from Open to InProgress to Resolved, keeping who changed it', async () => {
    const { OpsItemId, OpsItemArn } = await create({
      Priority: 2, Severity: '2', Category: 'Availability', Tags: [{ Key: 'team', Value: 'web' }],
      OperationalData: { '/aws/resources': { Type: 'SearchableString', Value: '[{"arn":"arn:aws:ec2:us-east-1:000000000000:instance/i-0123456789abcdef0"}]' }, runbook: { Type: 'String', Value: 'disk-cleanup' } },
    });
    expect(OpsItemId).toMatch(/^oi-[0-9a-f]{12}$/);
    expect(OpsItemArn).toBe(`arn:aws:ssm:us-east-1:${ACCOUNT}:opsitem/${OpsItemId}`);
    const item = (await ssm.send(new S.GetOpsItemCommand({ OpsItemId }))).OpsItem!;
    expect(item).toMatchObject({ OpsItemId, Status: 'Open', Title: 'Disk almost full', Source: 'EC2', OpsItemType: '/aws/issue', Priority: 2, Severity: '2',
      Category: 'Availability', CreatedBy: `arn:aws:iam::${ACCOUNT}:root`, Version: '1' });
    expect(item.OperationalData!.runbook).toEqual({ Type: 'String', Value: 'disk-cleanup' });
    await ssm.send(new S.UpdateOpsItemCommand({ OpsItemId, Status: 'InProgress', OperationalData: { owner: { Value: 'alice' } }, OperationalDataToDelete: ['runbook'] }));
    const working = (await ssm.send(new S.GetOpsItemCommand({ OpsItemId }))).OpsItem!;
    expect([working.Status, working.Version, Object.keys(working.OperationalData!).sort()]).toEqual(['InProgress', '2', ['/aws/resources', 'owner']]);
    await rejects(ssm.send(new S.UpdateOpsItemCommand({ OpsItemId, Status: 'Approved' })), 'OpsItemInvalidParameterException', 400);
    await ssm.send(new S.UpdateOpsItemCommand({ OpsItemId, Status: 'Resolved' }));
    expect((await ssm.send(new S.GetOpsItemCommand({ OpsItemId }))).OpsItem!.Status).toBe('Resolved');
    expect((await ssm.send(new S.ListTagsForResourceCommand({ ResourceType: 'OpsItem', ResourceId: OpsItemId }))).TagList).toEqual([{ Key: 'team', Value: 'web' }]);
    await rejects(ssm.send(new S.GetOpsItemCommand({ OpsItemId: 'oi-000000000000' })), 'OpsItemNotFoundException', 400);
  });

  it('refuses a second open OpsItem with the same dedup string, and bad fields', async () => {
    const dedup = { '/aws/dedup': { Type: 'SearchableString' as const, Value: '{"dedupString":"disk-full-web-1"}' } };
    const first = await create({ OperationalData: dedup });
    const err = await rejects(create({ OperationalData: dedup }), 'OpsItemAlreadyExistsException', 400);
    expect(err.OpsItemId).toBe(first.OpsItemId);
    await ssm.send(new S.UpdateOpsItemCommand({ OpsItemId: first.OpsItemId, Status: 'Resolved' }));
    expect((await create({ OperationalData: dedup })).OpsItemId).not.toBe(first.OpsItemId);
    await rejects(create({ Severity: '9' }), 'OpsItemInvalidParameterException', 400);
    await rejects(create({ Category: 'Mood' }), 'OpsItemInvalidParameterException', 400);
    await rejects(create({ OperationalData: { awsThing: { Value: 'x' } } }), 'OpsItemInvalidParameterException', 400);
    await rejects(create({ OpsItemType: '/aws/nonsense' }), 'OpsItemInvalidParameterException', 400);
    await rejects(create({ Source: 'MyAwsTool' }), 'OpsItemInvalidParameterException', 400, 'The source name can\'t contain the following strings: aws, amazon, and amzn.');
  });

  it('filters OpsItems and pages through them', async () => {
    await create({ Title: 'Cost spike in us-east-1', Source: 'Budgets', Priority: 4, Category: 'Cost' });
    const ids = async (filters: S.OpsItemFilter[]) => {
      const out: string[] = [];
      for await (const page of S.paginateDescribeOpsItems({ client: ssm, pageSize: 2 }, { OpsItemFilters: filters })) out.push(...page.OpsItemSummaries!.map((s) => s.Title!));
      return out;
    };
    expect(await ids([{ Key: 'Source', Operator: 'Equal', Values: ['Budgets'] }])).toEqual(['Cost spike in us-east-1']);
    expect(await ids([{ Key: 'Title', Operator: 'Contains', Values: ['spike'] }])).toEqual(['Cost spike in us-east-1']);
    expect(await ids([{ Key: 'Priority', Operator: 'GreaterThan', Values: ['3'] }])).toEqual(['Cost spike in us-east-1']);
    expect((await ids([{ Key: 'Status', Operator: 'Equal', Values: ['Open'] }])).length).toBe(2);
    expect(await ids([{ Key: 'OperationalData', Operator: 'Equal', Values: ['{"key":"owner","value":"alice"}'] }])).toEqual(['Disk almost full']);
    expect(await ids([{ Key: 'ResourceId', Operator: 'Equal', Values: ['i-0123456789abcdef0'] }])).toEqual(['Disk almost full']);
    expect((await ids([])).length).toBe(4);
    const counts = await ssm.send(new S.GetOpsSummaryCommand({ Aggregators: [{ AggregatorType: 'count', TypeName: 'AWS:OpsItem', AttributeName: 'Status' }] }));
    const byStatus = Object.fromEntries(counts.Entities!.map((e) => [e.Id, e.Data!['AWS:OpsItem'].Content![0].Count]));
    expect(byStatus).toEqual({ Open: '2', Resolved: '2' });
  });

  it('associates related resources', async () => {
    const { OpsItemId } = await create({ Title: 'Related things' });
    const docArn = `arn:aws:ssm:us-east-1:${ACCOUNT}:document/AWS-RestartEC2Instance`;
    const { AssociationId } = await ssm.send(new S.AssociateOpsItemRelatedItemCommand({ OpsItemId, AssociationType: 'RelatesTo', ResourceType: 'AWS::SSM::Document', ResourceUri: docArn }));
    await rejects(ssm.send(new S.AssociateOpsItemRelatedItemCommand({ OpsItemId, AssociationType: 'RelatesTo', ResourceType: 'AWS::SSM::Document', ResourceUri: docArn })),
      'OpsItemRelatedItemAlreadyExistsException', 400);
    const listed = (await ssm.send(new S.ListOpsItemRelatedItemsCommand({ OpsItemId }))).Summaries!;
    expect(listed).toMatchObject([{ OpsItemId, AssociationId, AssociationType: 'RelatesTo', ResourceType: 'AWS::SSM::Document', ResourceUri: docArn }]);
    await ssm.send(new S.DisassociateOpsItemRelatedItemCommand({ OpsItemId, AssociationId }));
    expect((await ssm.send(new S.ListOpsItemRelatedItemsCommand({ OpsItemId }))).Summaries).toEqual([]);
    await rejects(ssm.send(new S.DisassociateOpsItemRelatedItemCommand({ OpsItemId, AssociationId })), 'OpsItemRelatedItemAssociationNotFoundException', 400);
  });

  it('notifies its SNS topics when it is created and changed', async () => {
    const sns = new SNSClient(sdkConfig(kanri));
    const sqs = new SQSClient(sdkConfig(kanri));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'opsitem-news' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'opsitem-news' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:opsitem-news`, Attributes: { RawMessageDelivery: 'true' } }));
    const { OpsItemId } = await create({ Title: 'Watched', Notifications: [{ Arn: TopicArn }] });
    await ssm.send(new S.UpdateOpsItemCommand({ OpsItemId, Status: 'InProgress' }));
    const got: any[] = [];
    for (let i = 0; i < 6 && got.length < 2; i++) {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      got.push(...(Messages ?? []).map((m) => JSON.parse(m.Body!)));
    }
    expect(got.map((m) => [m.change, m.opsItemId, m.status])).toEqual([['OpsItem Created', OpsItemId, 'Open'], ['OpsItem Updated', OpsItemId, 'InProgress']]);
  });
});
