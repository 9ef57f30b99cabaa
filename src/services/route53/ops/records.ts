// Record sets: ChangeResourceRecordSets (see change-batch.ts), ListResourceRecordSets in
// Route 53's order (name with labels reversed, then type, then set identifier), and GetChange.
import type { RequestContext } from '../../types';
import { invalidInput, r53 } from '../errors';
import { bareId, canonicalName, sortKey } from '../names';
import { findChange, recordsFrom } from '../store';
import { applyChangeBatch } from '../change-batch';
import { changeInfo, getZone, newChange } from '../views';
import { pageSize } from './zones';

export function changeResourceRecordSets(input: any, ctx: RequestContext) {
  const zone = getZone(ctx, input.HostedZoneId);
  applyChangeBatch(ctx, zone, input.ChangeBatch.Changes);
  return { ChangeInfo: newChange(ctx, input.ChangeBatch.Comment) };
}

export function listResourceRecordSets(input: any, ctx: RequestContext) {
  const zone = getZone(ctx, input.HostedZoneId);
  const max = pageSize(input.MaxItems, 300);
  if (input.StartRecordType !== undefined && input.StartRecordName === undefined) {
    throw invalidInput('The input is not valid: StartRecordType requires StartRecordName.');
  }
  if (input.StartRecordIdentifier !== undefined && input.StartRecordType === undefined) {
    throw invalidInput('The input is not valid: StartRecordIdentifier requires StartRecordName and StartRecordType.');
  }
  let from = { sortName: '', type: '', setIdentifier: '' };
  if (input.StartRecordName !== undefined) {
    const name = canonicalName(input.StartRecordName);
    if (!name) throw invalidInput(`The input is not valid: ${input.StartRecordName} is not a valid DNS name.`);
    from = { sortName: sortKey(name), type: input.StartRecordType ?? '', setIdentifier: input.StartRecordIdentifier ?? '' };
  }
  const rows = recordsFrom(ctx.platform.storage, zone.zoneId, from, max + 1);
  const next = rows[max];
  return {
    ResourceRecordSets: rows.slice(0, max), IsTruncated: !!next, MaxItems: String(max),
    ...(next ? { NextRecordName: next.Name, NextRecordType: next.Type, ...(next.SetIdentifier !== undefined ? { NextRecordIdentifier: next.SetIdentifier } : {}) } : {}),
  };
}

export function getChange(input: any, ctx: RequestContext) {
  const id = bareId(input.Id);
  const row = findChange(ctx.platform.storage, id);
  if (!row || row.account_id !== ctx.accountId) throw r53('NoSuchChange', `A change with the specified change ID ${id} does not exist.`);
  return { ChangeInfo: changeInfo(ctx, row) };
}
