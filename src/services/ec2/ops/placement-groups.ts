// Placement groups (cluster, spread, partition): named per region, used by RunInstances'
// Placement.GroupName, and not deletable while instances are in them.
import { describe, type DescribeInput } from '../describe';
import { ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { create, find, newId, recordCreated, remove, where, type Ctx } from '../resources';
import { kindRange, listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const PG_FIELDS: FieldMap<Doc> = {
  'group-name': (g) => g.GroupName,
  'group-arn': (g) => g.GroupArn,
  'group-id': (g) => g.GroupId,
  'spread-level': (g) => g.SpreadLevel,
  state: (g) => g.State,
  strategy: (g) => g.Strategy,
};

export function placementGroupByName(ctx: Ctx, name: string): Resource | undefined {
  return listKind(ctx.platform.storage, where(ctx), 'pg').find((g) => g.doc.GroupName === name);
}

export function createPlacementGroup(input: { GroupName?: string; Strategy?: string; PartitionCount?: number; SpreadLevel?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  const name = input.GroupName ?? '';
  if (!name) throw ec2Error('MissingParameter', 'groupName');
  if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) throw ec2Error('InvalidPlacementGroup.Malformed', `The placement group name '${name}' is invalid.`);
  const strategy = input.Strategy ?? 'cluster';
  if (!['cluster', 'spread', 'partition'].includes(strategy)) throw invalidValue(`Value (${strategy}) for parameter strategy is invalid. Valid values are: cluster, spread, partition.`);
  if (input.PartitionCount !== undefined && strategy !== 'partition') throw invalidValue('Partition count is only supported for the partition strategy.');
  if (input.SpreadLevel !== undefined && strategy !== 'spread') throw invalidValue('Spread level is only supported for the spread strategy.');
  if (input.SpreadLevel !== undefined && !['host', 'rack'].includes(input.SpreadLevel)) throw invalidValue(`Invalid value '${input.SpreadLevel}' for SpreadLevel.`);
  const partitions = strategy === 'partition' ? input.PartitionCount ?? 2 : undefined;
  if (partitions !== undefined && (partitions < 1 || partitions > 7)) throw invalidValue(`Value (${partitions}) for parameter partitionCount is invalid. Partition count must be between 1 and 7.`);
  if (placementGroupByName(ctx, name)) throw ec2Error('InvalidPlacementGroup.Duplicate', name);
  const id = newId('pg');
  const doc: Doc = {
    GroupName: name, State: 'available', Strategy: strategy, GroupId: id, GroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:placement-group/${name}`,
  };
  if (partitions !== undefined) doc.PartitionCount = partitions;
  if (strategy === 'spread') doc.SpreadLevel = input.SpreadLevel ?? 'rack';
  const pg = create(ctx, 'pg', id, doc);
  tagOnCreate(ctx, pg, input.TagSpecifications);
  return { PlacementGroup: recordCreated(ctx, pg) };
}

export function describePlacementGroups(input: DescribeInput & { GroupNames?: string[]; GroupIds?: string[] }, ctx: Ctx) {
  const ids = [...(input.GroupIds ?? [])];
  for (const name of input.GroupNames ?? []) {
    const g = placementGroupByName(ctx, name);
    if (!g) throw ec2Error('InvalidPlacementGroup.Unknown', name);
    ids.push(g.id);
  }
  const { items, nextToken } = describe(ctx, { kind: 'pg', ids: ids.length ? ids : undefined, fields: PG_FIELDS }, input);
  return { PlacementGroups: items, NextToken: nextToken };
}

export function deletePlacementGroup(input: { GroupName: string }, ctx: Ctx) {
  const g = placementGroupByName(ctx, input.GroupName);
  if (!g) throw ec2Error('InvalidPlacementGroup.Unknown', String(input.GroupName));
  const w = where(ctx);
  const used = ctx.platform.storage.stmt(`SELECT 1 FROM ec2_resources WHERE account_id = ? AND region = ? AND id >= ? AND id < ? AND kind = 'i'
    AND json_extract(doc, '$.Placement.GroupName') = ? AND json_extract(doc, '$.State.Name') != 'terminated' LIMIT 1`).get(w.accountId, w.region, ...kindRange('i'), g.doc.GroupName);
  if (used) throw ec2Error('InvalidPlacementGroup.InUse', g.doc.GroupName);
  remove(ctx, g);
  return {};
}

/** The Placement members an instance launched into a group carries (partition by launch index). */
export function placementFor(ctx: Ctx, placement: Doc | undefined, index: number): Doc {
  const name = placement?.GroupName;
  if (name === undefined || name === '') return {};
  const g = placementGroupByName(ctx, name) ?? (placement?.GroupId ? find(ctx, 'pg', placement.GroupId) : undefined);
  if (!g) throw ec2Error('InvalidPlacementGroup.Unknown', name);
  const out: Doc = { GroupName: g.doc.GroupName, GroupId: g.id };
  if (g.doc.Strategy === 'partition') {
    const asked = placement?.PartitionNumber;
    if (asked !== undefined && (asked < 1 || asked > g.doc.PartitionCount)) throw invalidValue(`Value (${asked}) for parameter partitionNumber is invalid.`);
    out.PartitionNumber = asked ?? (index % g.doc.PartitionCount) + 1;
  }
  return out;
}
