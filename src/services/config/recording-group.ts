// The recording group and recording mode: what a recorder takes, and how often. Validated as AWS
// does (InvalidRecordingGroupException), and normalized to the full form Describe shows.
import { AwsError } from '../../protocol/errors';
import type { RecorderRow } from './store';
import { checkResourceTypes } from './resource-types';

export const GLOBAL_TYPES = new Set(['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role', 'AWS::IAM::Policy']);

const invalidGroup = () => new AwsError('InvalidRecordingGroupException', 'The recording group provided is not valid');

export function normalizeGroup(g: Record<string, any> | undefined): Record<string, any> {
  const types: string[] = g?.resourceTypes ?? [];
  const excluded: string[] = g?.exclusionByResourceTypes?.resourceTypes ?? [];
  checkResourceTypes(types, 'configurationRecorder.recordingGroup.resourceTypes');
  checkResourceTypes(excluded, 'configurationRecorder.recordingGroup.exclusionByResourceTypes.resourceTypes');
  const allSupported = g?.allSupported ?? (types.length === 0 && excluded.length === 0);
  const useOnly = g?.recordingStrategy?.useOnly
    ?? (allSupported ? 'ALL_SUPPORTED_RESOURCE_TYPES' : excluded.length ? 'EXCLUSION_BY_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES');
  const includeGlobal = g?.includeGlobalResourceTypes ?? false;
  if (allSupported && (types.length || excluded.length)) throw invalidGroup();
  if (includeGlobal && !allSupported) throw invalidGroup();
  if (useOnly === 'ALL_SUPPORTED_RESOURCE_TYPES' && !allSupported) throw invalidGroup();
  if (useOnly === 'INCLUSION_BY_RESOURCE_TYPES' && (allSupported || !types.length || excluded.length)) throw invalidGroup();
  if (useOnly === 'EXCLUSION_BY_RESOURCE_TYPES' && (allSupported || !excluded.length || types.length)) throw invalidGroup();
  return {
    allSupported, includeGlobalResourceTypes: includeGlobal, resourceTypes: [...new Set(types)],
    exclusionByResourceTypes: { resourceTypes: [...new Set(excluded)] }, recordingStrategy: { useOnly },
  };
}

export function normalizeMode(m: Record<string, any> | undefined): Record<string, any> {
  const overrides = (m?.recordingModeOverrides ?? []) as Record<string, any>[];
  overrides.forEach((o) => checkResourceTypes(o.resourceTypes, 'configurationRecorder.recordingMode.recordingModeOverrides.member.resourceTypes'));
  if (overrides.length > 1) throw new AwsError('ValidationException', 'Only one recording mode override is allowed.');
  return {
    recordingFrequency: m?.recordingFrequency ?? 'CONTINUOUS',
    recordingModeOverrides: overrides.map((o) => ({ ...(o.description !== undefined ? { description: o.description } : {}), resourceTypes: o.resourceTypes, recordingFrequency: o.recordingFrequency })),
  };
}

/** Whether the recorder takes this type (global IAM types only where the group says so). */
export function recordsType(r: Pick<RecorderRow, 'recordingGroup'>, type: string): boolean {
  const g = r.recordingGroup;
  const isGlobal = GLOBAL_TYPES.has(type);
  if (g.recordingStrategy?.useOnly === 'INCLUSION_BY_RESOURCE_TYPES') return g.resourceTypes.includes(type);
  if (g.recordingStrategy?.useOnly === 'EXCLUSION_BY_RESOURCE_TYPES') return !g.exclusionByResourceTypes.resourceTypes.includes(type);
  return !isGlobal || !!g.includeGlobalResourceTypes;
}

export function frequencyOf(r: Pick<RecorderRow, 'recordingMode'>, type: string): 'CONTINUOUS' | 'DAILY' {
  for (const o of r.recordingMode.recordingModeOverrides ?? []) if (o.resourceTypes?.includes(type)) return o.recordingFrequency;
  return r.recordingMode.recordingFrequency ?? 'CONTINUOUS';
}
