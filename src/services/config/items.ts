// A configuration item in AWS Config's format 1.3 (camelCase, configuration as an object), and its
// three outward forms: the API's ConfigurationItem (configuration as a JSON string), the
// notification/file form (configurationItemVersion, awsAccountId, ARN, relationships[].name), and
// the BaseConfigurationItem of BatchGetResourceConfig.
import { createHash } from 'node:crypto';

export interface Relationship { resourceType: string; resourceId: string; resourceName?: string; relationshipName: string }

export interface ConfigItem {
  version: '1.3';
  accountId: string;
  configurationItemCaptureTime: string;
  configurationItemStatus: string;
  configurationStateId: string;
  configurationItemMD5Hash: string;
  arn?: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  awsRegion: string;
  availabilityZone: string;
  resourceCreationTime?: string;
  tags: Record<string, string>;
  relatedEvents: string[];
  relationships: Relationship[];
  configuration: unknown;
  supplementaryConfiguration: Record<string, unknown>;
  recordingFrequency: string;
}

/** The hash of what the item says about the resource (not when it was captured). */
export function md5Of(item: Omit<ConfigItem, 'configurationItemMD5Hash'>): string {
  const body = JSON.stringify([item.configuration, item.relationships, item.tags, item.supplementaryConfiguration]);
  return createHash('md5').update(body).digest('hex');
}

/** What changes between two states of a resource, ignoring capture time, ids and events. */
export function sameState(a: ConfigItem, b: ConfigItem): boolean {
  return a.configurationItemMD5Hash === b.configurationItemMD5Hash;
}

const AZ_NOT_APPLICABLE = 'Not Applicable';

/** The availability zone AWS shows: the resource's own, or "Not Applicable". */
export function availabilityZoneOf(configuration: unknown): string {
  const c = configuration as Record<string, any> | null;
  const az = c?.placement?.availabilityZone ?? c?.availabilityZone;
  return typeof az === 'string' && az ? az : AZ_NOT_APPLICABLE;
}

const ISO = (d: string | undefined) => (d ? new Date(d) : undefined);

/** The API's ConfigurationItem (GetResourceConfigHistory). */
export function apiItem(item: ConfigItem): Record<string, unknown> {
  return {
    version: item.version, accountId: item.accountId, configurationItemCaptureTime: ISO(item.configurationItemCaptureTime),
    configurationItemStatus: item.configurationItemStatus, configurationStateId: item.configurationStateId,
    configurationItemMD5Hash: item.configurationItemMD5Hash, arn: item.arn, resourceType: item.resourceType, resourceId: item.resourceId,
    resourceName: item.resourceName, awsRegion: item.awsRegion, availabilityZone: item.availabilityZone,
    resourceCreationTime: ISO(item.resourceCreationTime), tags: item.tags, relatedEvents: item.relatedEvents,
    relationships: item.relationships.map((r) => ({ resourceType: r.resourceType, resourceId: r.resourceId, resourceName: r.resourceName, relationshipName: r.relationshipName })),
    configuration: item.configuration == null ? undefined : JSON.stringify(item.configuration),
    supplementaryConfiguration: stringValues(item.supplementaryConfiguration), recordingFrequency: item.recordingFrequency,
  };
}

/** BatchGetResourceConfig's BaseConfigurationItem: no tags, events or relationships. */
export function baseItem(item: ConfigItem): Record<string, unknown> {
  const { tags: _t, relatedEvents: _e, relationships: _r, configurationItemMD5Hash: _h, ...rest } = apiItem(item);
  return rest;
}

function stringValues(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(o ?? {})) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** The item as notifications and history/snapshot files carry it. */
export function fileItem(item: ConfigItem): Record<string, unknown> {
  return {
    relatedEvents: item.relatedEvents,
    relationships: item.relationships.map((r) => ({ resourceId: r.resourceId, resourceName: r.resourceName ?? null, resourceType: r.resourceType, name: r.relationshipName })),
    configuration: item.configuration ?? null,
    supplementaryConfiguration: item.supplementaryConfiguration,
    tags: item.tags,
    configurationItemVersion: item.version,
    configurationItemCaptureTime: item.configurationItemCaptureTime,
    configurationStateId: Number(item.configurationStateId),
    awsAccountId: item.accountId,
    configurationItemStatus: item.configurationItemStatus,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName ?? null,
    ARN: item.arn ?? null,
    awsRegion: item.awsRegion,
    availabilityZone: item.availabilityZone,
    configurationStateMd5Hash: item.configurationItemMD5Hash,
    resourceCreationTime: item.resourceCreationTime ?? null,
  };
}
