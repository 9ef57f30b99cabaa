// SSM Inventory through the SDK v3 (and boto3): custom types and AWS's checks, GetInventory with
// filters, aggregators and groups, ListInventoryEntries, schemas, deletion, and the Config item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-ssm';
import { boto3, rejects, sdkConfig, startTestKanri, type Kanri } from './harness';
import { managedInstance } from './ssm-instances';

let kanri: Kanri;
let ssm: S.SSMClient;
let a: string;
let b: string;

beforeAll(async () => {
  kanri = await startTestKanri();
  ssm = new S.SSMClient(sdkConfig(kanri));
  a = await managedInstance(kanri, ssm);
  b = await managedInstance(kanri, ssm);
});
afterAll(async () => { await kanri.stop(); });

const T = '2026-11-28T10:00:00Z';
const app = (Name: string, Version: string) => ({ Name, Version, Architecture: 'amd64', ApplicationType: 'admin' });

describe('PutInventory', () => {
  it('stores AWS and custom types that GetInventory and ListInventoryEntries show', async () => {
    await ssm.send(new S.PutInventoryCommand({ InstanceId: a, Items: [
      { TypeName: 'AWS:Application', SchemaVersion: '1.1', CaptureTime: T, Content: [app('bash', '5.2'), app('curl', '7.88'), app('zsh', '5.9')] },
      { TypeName: 'Custom:RackInfo', SchemaVersion: '1.0', CaptureTime: T, Content: [{ RackLocation: 'Bay B', Row: '3' }] },
    ] }));
    await ssm.send(new S.PutInventoryCommand({ InstanceId: b, Items: [
      { TypeName: 'AWS:Application', SchemaVersion: '1.1', CaptureTime: T, Content: [app('bash', '5.1'), app('nginx', '1.22')] },
    ] }));
    const entries = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: a, TypeName: 'Custom:RackInfo' }));
    expect(entries).toMatchObject({ TypeName: 'Custom:RackInfo', InstanceId: a, SchemaVersion: '1.0', CaptureTime: T, Entries: [{ RackLocation: 'Bay B', Row: '3' }] });
    const inv = await ssm.send(new S.GetInventoryCommand({}));
    const ea = inv.Entities!.find((e) => e.Id === a)!;
    expect(ea.Data!['AWS:Application'].Content!.map((c) => c.Name)).toEqual(['bash', 'curl', 'zsh']);
    expect(ea.Data!['AWS:InstanceInformation'].Content![0]).toMatchObject({ InstanceId: a, ResourceType: 'ManagedInstance' });
  });

  it('refuses what AWS refuses', async () => {
    const put = (item: Partial<S.InventoryItem>) => ssm.send(new S.PutInventoryCommand({ InstanceId: a, Items: [{ TypeName: 'Custom:X', SchemaVersion: '1.0', CaptureTime: T, Content: [], ...item } as S.InventoryItem] }));
    await rejects(put({ TypeName: 'AWS:Nonsense' }), 'InvalidTypeNameException', 400);
    await rejects(put({ TypeName: 'AWS:Application', SchemaVersion: '9.0' }), 'UnsupportedInventorySchemaVersionException', 400);
    await rejects(put({ TypeName: 'AWS:Application', SchemaVersion: '1.1', Content: [{ Name: 'x', Colour: 'red' }] }), 'InvalidItemContentException', 400);
    await rejects(put({ TypeName: 'AWS:InstanceDetailedInformation', Content: [{ CPUs: 'many' }] }), 'InvalidItemContentException', 400);
    await rejects(put({ Context: { ExecutionId: 'x' } }), 'UnsupportedInventoryItemContextException', 400);
    await rejects(put({ TypeName: 'AWS:ComplianceItem', Context: { Nope: 'x' } }), 'InvalidInventoryItemContextException', 400);
    await rejects(put({ Content: [{ Blob: 'x'.repeat(4000) }, ...Array.from({ length: 60 }, () => ({ Blob: 'y'.repeat(4000) }))] }), 'ItemSizeLimitExceededException', 400);
    await rejects(put({ TypeName: 'Custom:RackInfo', ContentHash: 'not-what-is-stored', Content: undefined }), 'ItemContentMismatchException', 400);
    await rejects(ssm.send(new S.PutInventoryCommand({ InstanceId: 'mi-0123456789abcdef0', Items: [{ TypeName: 'Custom:X', SchemaVersion: '1.0', CaptureTime: T, Content: [] }] })), 'InvalidInstanceId', 400);
    const many = Array.from({ length: 20 }, (_, i) => ({ TypeName: `Custom:Many${i}`, SchemaVersion: '1.0', CaptureTime: T, Content: [{ K: 'v' }] }));
    await rejects(ssm.send(new S.PutInventoryCommand({ InstanceId: a, Items: many })), 'CustomSchemaCountLimitExceededException', 400);
    const big = Array.from({ length: 6 }, (_, i) => ({ TypeName: 'AWS:Application', SchemaVersion: '1.1', CaptureTime: T, Content: Array.from({ length: 300 }, (_, j) => ({ Name: `p${i}-${j}`, Summary: 's'.repeat(600) })) }))
      .map((it, i) => ({ ...it, TypeName: i === 0 ? 'AWS:Application' : `Custom:Big${i}` }));
    await rejects(ssm.send(new S.PutInventoryCommand({ InstanceId: a, Items: big })), 'TotalSizeLimitExceededException', 400);
  });

  it('keeps content when only an unchanged ContentHash is sent', async () => {
    await ssm.send(new S.PutInventoryCommand({ InstanceId: b, Items: [{ TypeName: 'Custom:Hashed', SchemaVersion: '1.0', CaptureTime: T, ContentHash: 'h1', Content: [{ K: 'v' }] }] }));
    await ssm.send(new S.PutInventoryCommand({ InstanceId: b, Items: [{ TypeName: 'Custom:Hashed', SchemaVersion: '1.0', CaptureTime: '2026-11-28T11:00:00Z', ContentHash: 'h1' }] }));
    const e = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: b, TypeName: 'Custom:Hashed' }));
    expect(e).toMatchObject({ CaptureTime: '2026-11-28T11:00:00Z', Entries: [{ K: 'v' }] });
  });
});

describe('GetInventory', () => {
  it('filters by attribute with each operator', async () => {
    const ids = async (Filters: S.InventoryFilter[]) => (await ssm.send(new S.GetInventoryCommand({ Filters }))).Entities!.map((e) => e.Id).sort();
    expect(await ids([{ Key: 'AWS:Application.Name', Values: ['zsh'], Type: 'Equal' }])).toEqual([a]);
    expect(await ids([{ Key: 'AWS:Application.Name', Values: ['ng'], Type: 'BeginWith' }])).toEqual([b]);
    expect(await ids([{ Key: 'AWS:Application.Name', Values: ['zsh'], Type: 'NotEqual' }])).toEqual([b]);
    expect(await ids([{ Key: 'AWS:Application.Version', Values: ['5.0'], Type: 'GreaterThan' }])).toEqual([a, b].sort());
    expect(await ids([{ Key: 'AWS:InstanceInformation.InstanceId', Values: [b] }])).toEqual([b]);
    await rejects(ids([{ Key: 'AWS:Application.Colour', Values: ['x'] }]), 'InvalidFilter', 400);
    await rejects(ids([{ Key: 'AWS:Application.Name', Values: ['x'], Type: 'Exists' }]), 'InvalidFilter', 400);
    await rejects(ids([{ Key: 'AWS:Nothing.Name', Values: ['x'] }]), 'InvalidTypeNameException', 400);
  });

  it('returns only the ResultAttributes type and pages by instance', async () => {
    const r = await ssm.send(new S.GetInventoryCommand({ ResultAttributes: [{ TypeName: 'Custom:RackInfo' }] }));
    expect(r.Entities!.map((e) => [e.Id, Object.keys(e.Data!)])).toEqual([[a, ['Custom:RackInfo']]]);
    const p1 = await ssm.send(new S.GetInventoryCommand({ MaxResults: 1 }));
    const p2 = await ssm.send(new S.GetInventoryCommand({ MaxResults: 1, NextToken: p1.NextToken }));
    expect([p1.Entities!.length, p2.Entities!.length, p2.NextToken]).toEqual([1, 1, undefined]);
    expect(p1.Entities![0].Id).not.toBe(p2.Entities![0].Id);
    await rejects(ssm.send(new S.GetInventoryCommand({ ResultAttributes: [{ TypeName: 'Custom:Nope' }] })), 'InvalidResultAttributeException', 400);
  });

  it('aggregates by attribute, nested, and by groups', async () => {
    const byName = await ssm.send(new S.GetInventoryCommand({ Aggregators: [{ Expression: 'AWS:Application.Name' }] }));
    const content = byName.Entities![0].Data!['AWS:Application'].Content!;
    expect(content[0]).toEqual({ Name: 'bash', Count: '2' });
    expect(content).toContainEqual({ Name: 'nginx', Count: '1' });
    const nested = await ssm.send(new S.GetInventoryCommand({ Aggregators: [{ Expression: 'AWS:Application.Name', Aggregators: [{ Expression: 'AWS:Application.Version' }] }] }));
    expect(nested.Entities![0].Data!['AWS:Application'].Content).toContainEqual({ Name: 'bash', Version: '5.2', Count: '1' });
    const groups = await ssm.send(new S.GetInventoryCommand({ Aggregators: [{ Groups: [
      { Name: 'HasZsh', Filters: [{ Key: 'AWS:Application.Name', Values: ['zsh'], Type: 'Equal' }] },
      { Name: 'HasRack', Filters: [{ Key: 'Custom:RackInfo.RackLocation', Values: ['x'], Type: 'Exists' }] },
    ] }] }));
    expect(groups.Entities![0].Data!.HasZsh.Content).toEqual([{ notMatchingCount: '1' }, { matchingCount: '1' }]);
    expect(groups.Entities![0].Data!.HasRack.Content).toEqual([{ notMatchingCount: '1' }, { matchingCount: '1' }]);
    await rejects(ssm.send(new S.GetInventoryCommand({ Aggregators: [{ Expression: 'AWS:Application.Colour' }] })), 'InvalidAggregatorException', 400);
    const platform = await ssm.send(new S.GetInventoryCommand({ Aggregators: [{ Expression: 'AWS:InstanceInformation.ResourceType' }] }));
    expect(platform.Entities![0].Data!['AWS:InstanceInformation'].Content).toEqual([{ ResourceType: 'ManagedInstance', Count: '2' }]);
  });
});

describe('ListInventoryEntries', () => {
  it('filters and pages entries', async () => {
    const f = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: a, TypeName: 'AWS:Application', Filters: [{ Key: 'Name', Values: ['c'], Type: 'BeginWith' }] }));
    expect(f.Entries!.map((e) => e.Name)).toEqual(['curl']);
    const p1 = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: a, TypeName: 'AWS:Application', MaxResults: 2 }));
    const p2 = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: a, TypeName: 'AWS:Application', MaxResults: 2, NextToken: p1.NextToken }));
    expect([...p1.Entries!, ...p2.Entries!].map((e) => e.Name)).toEqual(['bash', 'curl', 'zsh']);
    await rejects(ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: a, TypeName: 'Custom:Nope' })), 'InvalidTypeNameException', 400);
  });
});

describe('GetInventorySchema', () => {
  it('lists AWS types with attribute types, custom types learned from PutInventory, and aggregator schemas', async () => {
    const all = await ssm.send(new S.GetInventorySchemaCommand({}));
    const det = all.Schemas!.find((s) => s.TypeName === 'AWS:InstanceDetailedInformation')!;
    expect(det.Attributes).toContainEqual({ Name: 'CPUCores', DataType: 'number' });
    const rack = await ssm.send(new S.GetInventorySchemaCommand({ TypeName: 'Custom:RackInfo' }));
    expect(rack.Schemas).toEqual([{ TypeName: 'Custom:RackInfo', Version: '1.0', Attributes: [{ Name: 'RackLocation', DataType: 'string' }, { Name: 'Row', DataType: 'string' }] }]);
    const agg = await ssm.send(new S.GetInventorySchemaCommand({ Aggregator: true }));
    expect(agg.Schemas![0]).toMatchObject({ TypeName: 'AWS:InstanceInformation', DisplayName: 'Platform' });
  });
});

describe('DeleteInventory', () => {
  it('summarizes on DryRun, deletes data, disables and deletes schemas, and describes deletions', async () => {
    const dry = await ssm.send(new S.DeleteInventoryCommand({ TypeName: 'Custom:RackInfo', DryRun: true }));
    expect(dry.DeletionSummary).toEqual({ TotalCount: 1, RemainingCount: 1, SummaryItems: [{ Version: '1.0', Count: 1, RemainingCount: 1 }] });
    const del = await ssm.send(new S.DeleteInventoryCommand({ TypeName: 'Custom:RackInfo', SchemaDeleteOption: 'DisableSchema' }));
    expect(del.DeletionId).toMatch(/^[0-9a-f-]{36}$/);
    const e = await ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: a, TypeName: 'Custom:Hashed' }));
    expect(e.Entries).toEqual([]);
    await rejects(ssm.send(new S.GetInventorySchemaCommand({ TypeName: 'Custom:RackInfo' })), 'InvalidTypeNameException', 400);
    await rejects(ssm.send(new S.PutInventoryCommand({ InstanceId: a, Items: [{ TypeName: 'Custom:RackInfo', SchemaVersion: '1.0', CaptureTime: T, Content: [] }] })), 'UnsupportedInventorySchemaVersionException', 400);
    await ssm.send(new S.PutInventoryCommand({ InstanceId: a, Items: [{ TypeName: 'Custom:RackInfo', SchemaVersion: '2.0', CaptureTime: T, Content: [{ Rack: '9' }] }] }));
    const d = await ssm.send(new S.DescribeInventoryDeletionsCommand({ DeletionId: del.DeletionId }));
    expect(d.InventoryDeletions![0]).toMatchObject({ TypeName: 'Custom:RackInfo', LastStatus: 'Complete', DeletionSummary: { TotalCount: 1, RemainingCount: 0 } });
    await ssm.send(new S.DeleteInventoryCommand({ TypeName: 'Custom:Hashed', SchemaDeleteOption: 'DeleteSchema' }));
    await rejects(ssm.send(new S.DeleteInventoryCommand({ TypeName: 'Custom:Hashed' })), 'InvalidTypeNameException', 400);
    await rejects(ssm.send(new S.DeleteInventoryCommand({ TypeName: 'AWS:Application' })), 'InvalidTypeNameException', 400);
    await rejects(ssm.send(new S.DescribeInventoryDeletionsCommand({ DeletionId: '00000000-0000-0000-0000-000000000000' })), 'InvalidDeletionIdException', 400);
  });

  it('works from boto3', async () => {
    const out = await boto3(kanri, `
import boto3, json, os
c = boto3.client('ssm', endpoint_url=os.environ['KANRI_URL'])
c.put_inventory(InstanceId='${a}', Items=[{'TypeName': 'Custom:Boto', 'SchemaVersion': '1.0', 'CaptureTime': '2026-11-28T12:00:00Z', 'Content': [{'K': 'v'}]}])
e = c.list_inventory_entries(InstanceId='${a}', TypeName='Custom:Boto')
d = c.delete_inventory(TypeName='Custom:Boto', SchemaDeleteOption='DeleteSchema')
print(json.dumps({'entries': e['Entries'], 'total': d['DeletionSummary']['TotalCount']}))`);
    expect(out).toEqual({ entries: [{ K: 'v' }], total: 1 });
  });
});

describe('deregistration', () => {
  it('drops a deregistered instance from GetInventory and refuses its PutInventory', async () => {
    await ssm.send(new S.DeregisterManagedInstanceCommand({ InstanceId: b }));
    const inv = await ssm.send(new S.GetInventoryCommand({}));
    expect(inv.Entities!.map((e) => e.Id)).toEqual([a]);
    await rejects(ssm.send(new S.PutInventoryCommand({ InstanceId: b, Items: [{ TypeName: 'Custom:X', SchemaVersion: '1.0', CaptureTime: T, Content: [] }] })), 'InvalidInstanceId', 400);
    await rejects(ssm.send(new S.ListInventoryEntriesCommand({ InstanceId: b, TypeName: 'AWS:Application' })), 'InvalidInstanceId', 400);
  });
});
