// PutEventSelectors, GetEventSelectors: stored per trail and applied when its log files are built.
import type { RequestContext } from '../../types';
import { invalidSelectors } from '../errors';
import { requireHomeTrail, requireTrail, trailArn } from '../names';
import { saveTrail, type Selectors } from '../store-trails';
import { DEFAULT_SELECTORS, trailChange, trailView } from '../views';

interface EventSelectorInput {
  ReadWriteType?: string; IncludeManagementEvents?: boolean; DataResources?: { Type?: string; Values?: string[] }[]; ExcludeManagementEventSources?: string[];
}

const MAX_SELECTORS = 5;
const DATA_TYPES = ['AWS::S3::Object', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table'];
const EXCLUDABLE_SOURCES = ['kms.amazonaws.com', 'rdsdata.amazonaws.com'];

function normalize(selectors: EventSelectorInput[]) {
  if (selectors.length > MAX_SELECTORS) throw invalidSelectors(`A trail can have at most ${MAX_SELECTORS} event selectors.`);
  return selectors.map((s) => {
    for (const d of s.DataResources ?? []) {
      if (!d.Type || !DATA_TYPES.includes(d.Type)) throw invalidSelectors(`Value ${d.Type} for DataResources.Type is invalid.`);
    }
    for (const source of s.ExcludeManagementEventSources ?? []) {
      if (!EXCLUDABLE_SOURCES.includes(source)) throw invalidSelectors(`Value ${source} for ExcludeManagementEventSources is invalid.`);
    }
    return {
      ReadWriteType: s.ReadWriteType ?? 'All', IncludeManagementEvents: s.IncludeManagementEvents ?? true,
      DataResources: s.DataResources ?? [], ExcludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
    };
  });
}

export function putEventSelectors(input: { TrailName: string; EventSelectors?: EventSelectorInput[]; AdvancedEventSelectors?: unknown[] }, ctx: RequestContext) {
  const trail = requireHomeTrail(ctx, input.TrailName);
  if ((input.EventSelectors === undefined) === (input.AdvancedEventSelectors === undefined)) {
    throw invalidSelectors('Specify either EventSelectors or AdvancedEventSelectors, but not both.');
  }
  const selectors: Selectors = input.EventSelectors ? { EventSelectors: normalize(input.EventSelectors) } : { AdvancedEventSelectors: input.AdvancedEventSelectors };
  const updated = { ...trail, selectors };
  saveTrail(ctx.platform.storage, updated);
  const [before, after] = [trailView(trail), trailView(updated)];
  if (before.HasCustomEventSelectors !== after.HasCustomEventSelectors) {
    ctx.emit(trailChange(trail, before, after));
  }
  return { TrailARN: trailArn(trail), ...selectors };
}

export function getEventSelectors(input: { TrailName: string }, ctx: RequestContext) {
  const trail = requireTrail(ctx, input.TrailName);
  return { TrailARN: trailArn(trail), ...(trail.selectors ?? DEFAULT_SELECTORS) };
}
