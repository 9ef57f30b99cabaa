// PublishLayerVersion, GetLayerVersion(ByArn), ListLayers, ListLayerVersions, DeleteLayerVersion and
// the layer version policy calls. Functions name layer versions in their Layers (runtime/layers.ts).
import { randomUUID } from 'node:crypto';
import { arn, parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { codeFromS3, removeCode, saveCode } from '../code';
import { lastModified } from '../config';
import { conflict, invalidParameter, notFound, preconditionFailed } from '../errors';
import { decodeMarker, encodeMarker } from '../paging';
import { codeInUse } from '../store';
import {
  deleteLayerVersionRow, findLayerVersion, listLayerNames, listLayerVersionRows, nextLayerVersion, putLayerVersion, type LayerVersionRow,
} from '../store-layers';

const MISSING = 'The resource you requested does not exist.';

/** A LayerName is a name or a layer ARN (of the caller's account and region). */
function layerNameOf(ctx: RequestContext, value: string): string {
  if (!value.startsWith('arn:')) return value;
  const p = parseArn(value);
  const m = p && /^layer:([a-zA-Z0-9-_]+)$/.exec(p.resource);
  if (!p || !m || p.account !== ctx.accountId || p.region !== ctx.region) throw notFound(MISSING);
  return m[1];
}

function layerArn(ctx: { region: string; accountId: string }, name: string): string {
  return arn('lambda', ctx.region, ctx.accountId, `layer:${name}`);
}

function listItem(v: LayerVersionRow): Record<string, unknown> {
  const c = v.config;
  return {
    LayerVersionArn: c.LayerVersionArn, Version: c.Version, Description: c.Description, CreatedDate: c.CreatedDate,
    CompatibleRuntimes: c.CompatibleRuntimes, LicenseInfo: c.LicenseInfo, CompatibleArchitectures: c.CompatibleArchitectures,
  };
}

export async function publishLayerVersion(input: Record<string, any>, ctx: RequestContext) {
  const name = layerNameOf(ctx, input.LayerName);
  const content = input.Content ?? {};
  let zip: Buffer;
  if (content.ZipFile !== undefined) zip = Buffer.from(content.ZipFile);
  else if (content.S3Bucket !== undefined && content.S3Key !== undefined) zip = await codeFromS3(ctx.platform, ctx.region, content.S3Bucket, content.S3Key);
  else throw invalidParameter('Please provide a source for the layer content: either S3 location or a ZipFile.');
  const s = ctx.platform.storage;
  return s.transaction(() => {
    const code = saveCode(ctx.platform, zip);
    const version = nextLayerVersion(s, ctx.accountId, ctx.region, name);
    const config = {
      Content: { CodeSha256: code.sha256, CodeSize: code.size }, LayerArn: layerArn(ctx, name), LayerVersionArn: `${layerArn(ctx, name)}:${version}`,
      Description: input.Description ?? '', CreatedDate: lastModified(ctx.platform.clock.now()), Version: version,
      CompatibleRuntimes: input.CompatibleRuntimes, LicenseInfo: input.LicenseInfo, CompatibleArchitectures: input.CompatibleArchitectures,
    };
    putLayerVersion(s, { accountId: ctx.accountId, region: ctx.region, layerName: name, version, config, codeSha: code.codeSha, policy: null });
    return config;
  });
}

function requireVersion(ctx: RequestContext, layerName: string, version: number): LayerVersionRow {
  const v = findLayerVersion(ctx.platform.storage, ctx.accountId, ctx.region, layerNameOf(ctx, layerName), version);
  if (!v) throw notFound(MISSING);
  return v;
}

export function getLayerVersion(input: { LayerName: string; VersionNumber: number }, ctx: RequestContext) {
  return requireVersion(ctx, input.LayerName, input.VersionNumber).config;
}

export function getLayerVersionByArn(input: { Arn: string }, ctx: RequestContext) {
  const m = /^(arn:[^:]+:lambda:[^:]+:\d{12}:layer:[a-zA-Z0-9-_]+):(\d+)$/.exec(input.Arn);
  if (!m) throw invalidParameter(`1 validation error detected: Value '${input.Arn}' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern`);
  return requireVersion(ctx, m[1], Number(m[2])).config;
}

function matches(v: LayerVersionRow, runtime?: string, architecture?: string): boolean {
  return (runtime === undefined || (v.config.CompatibleRuntimes ?? []).includes(runtime))
    && (architecture === undefined || (v.config.CompatibleArchitectures ?? []).includes(architecture));
}

export function listLayerVersions(input: { LayerName: string; CompatibleRuntime?: string; CompatibleArchitecture?: string; Marker?: string; MaxItems?: number }, ctx: RequestContext) {
  const rows = listLayerVersionRows(ctx.platform.storage, ctx.accountId, ctx.region, layerNameOf(ctx, input.LayerName))
    .filter((v) => matches(v, input.CompatibleRuntime, input.CompatibleArchitecture));
  const after = decodeMarker(input.Marker);
  const start = after ? rows.findIndex((v) => String(v.version) === after) + 1 : 0;
  const size = input.MaxItems ?? 50;
  const page = rows.slice(start, start + size);
  return { LayerVersions: page.map(listItem), NextMarker: start + size < rows.length ? encodeMarker(String(page[page.length - 1].version)) : undefined };
}

export function listLayers(input: { CompatibleRuntime?: string; CompatibleArchitecture?: string; Marker?: string; MaxItems?: number }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const after = decodeMarker(input.Marker);
  const layers = [];
  for (const name of listLayerNames(s, ctx.accountId, ctx.region)) {
    if (name <= after) continue;
    const latest = listLayerVersionRows(s, ctx.accountId, ctx.region, name).find((v) => matches(v, input.CompatibleRuntime, input.CompatibleArchitecture));
    if (latest) layers.push({ LayerName: name, LayerArn: layerArn(ctx, name), LatestMatchingVersion: listItem(latest) });
  }
  const size = input.MaxItems ?? 50;
  const page = layers.slice(0, size);
  return { Layers: page, NextMarker: layers.length > size ? encodeMarker(page[page.length - 1].LayerName) : undefined };
}

/** Deleting a version that is not there succeeds, as in AWS; functions that use it keep their copy. */
export function deleteLayerVersion(input: { LayerName: string; VersionNumber: number }, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const name = input.LayerName.startsWith('arn:') ? (/:layer:([a-zA-Z0-9-_]+)$/.exec(input.LayerName)?.[1] ?? input.LayerName) : input.LayerName;
  const v = findLayerVersion(s, ctx.accountId, ctx.region, name, input.VersionNumber);
  if (!v) return {};
  deleteLayerVersionRow(s, ctx.accountId, ctx.region, name, input.VersionNumber);
  if (!codeInUse(s, v.codeSha)) removeCode(ctx.platform, v.codeSha);
  return {};
}

export function addLayerVersionPermission(input: Record<string, any>, ctx: RequestContext) {
  const v = requireVersion(ctx, input.LayerName, input.VersionNumber);
  const policy = v.policy ?? { doc: { Version: '2012-10-17', Id: 'default', Statement: [] as Record<string, any>[] }, revisionId: '' };
  if (input.RevisionId !== undefined && input.RevisionId !== policy.revisionId) throw preconditionFailed();
  if (policy.doc.Statement.some((st: Record<string, any>) => st.Sid === input.StatementId)) {
    throw conflict(`The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const principal = input.Principal === '*' ? '*' : { AWS: /^\d{12}$/.test(input.Principal) ? `arn:aws:iam::${input.Principal}:root` : input.Principal };
  const statement = {
    Sid: input.StatementId, Effect: 'Allow', Principal: principal, Action: input.Action, Resource: v.config.LayerVersionArn,
    ...(input.OrganizationId ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': input.OrganizationId } } } : {}),
  };
  policy.doc.Statement.push(statement);
  policy.revisionId = randomUUID();
  putLayerVersion(ctx.platform.storage, { ...v, policy });
  return { Statement: JSON.stringify(statement), RevisionId: policy.revisionId };
}

export function removeLayerVersionPermission(input: { LayerName: string; VersionNumber: number; StatementId: string; RevisionId?: string }, ctx: RequestContext) {
  const v = requireVersion(ctx, input.LayerName, input.VersionNumber);
  const i = v.policy ? v.policy.doc.Statement.findIndex((st: Record<string, any>) => st.Sid === input.StatementId) : -1;
  if (!v.policy || i < 0) throw notFound(`Statement ${input.StatementId} is not found in resource policy.`);
  if (input.RevisionId !== undefined && input.RevisionId !== v.policy.revisionId) throw preconditionFailed();
  v.policy.doc.Statement.splice(i, 1);
  v.policy.revisionId = randomUUID();
  putLayerVersion(ctx.platform.storage, { ...v, policy: v.policy.doc.Statement.length ? v.policy : null });
  return {};
}

export function getLayerVersionPolicy(input: { LayerName: string; VersionNumber: number }, ctx: RequestContext) {
  const v = requireVersion(ctx, input.LayerName, input.VersionNumber);
  if (!v.policy) throw notFound('No policy is associated with the given resource.');
  return { Policy: JSON.stringify(v.policy.doc), RevisionId: v.policy.revisionId };
}
