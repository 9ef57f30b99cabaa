// CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
// UpdateFunctionConfiguration, DeleteFunction.
import type { RequestContext } from '../../types';
import { codeFromS3, removeCode, saveCode, type StoredCode } from '../code';
import { applyConfig, checkLimits, checkRevision, checkRuntime, markUpdating, newConfig, requireSettled, view } from '../config';
import { conflict, functionNotFound, invalidParameter, preconditionFailed, validation } from '../errors';
import { changeEvent, emitFunction } from '../events';
import { decodeMarker, encodeMarker } from '../paging';
import { resolveLayers } from '../layers';
import { functionArn, parseFunctionName, validFunctionName } from '../names';
import { requireFunction, resolve } from '../resolve';
import { stopWorkers } from '../runtime/pool';
import {
  codeInUse, deleteFunctionRows, deleteVersion, findFunction, findVersion, insertFunction, listAliases, listLatest, listVersions, putVersion, type VersionRow,
} from '../store';
import { publish } from './versions';

/** ReadyAt: kanri has nothing to provision, so a change settles as soon as it is written. */
const READY_DELAY_MS = 0;

async function packageOf(ctx: RequestContext, code: { ZipFile?: Buffer; S3Bucket?: string; S3Key?: string; ImageUri?: string }): Promise<Buffer> {
  if (code.ZipFile !== undefined) {
    if (code.S3Bucket !== undefined || code.S3Key !== undefined) {
      throw invalidParameter('Please provide a source for function code: either S3 location or a ZipFile, not both.');
    }
    return Buffer.from(code.ZipFile);
  }
  if (code.S3Bucket !== undefined && code.S3Key !== undefined) return codeFromS3(ctx.platform, ctx.region, code.S3Bucket, code.S3Key);
  if (code.ImageUri !== undefined) throw invalidParameter('kanri runs Zip packages only; container images (ImageUri) are not supported.');
  throw invalidParameter('Please provide a source for function code.');
}

export async function createFunction(input: any, ctx: RequestContext) {
  // A name or an ARN naming it; AWS's constraints on the name itself, as ValidationExceptions.
  const ref = parseFunctionName(ctx, input.FunctionName);
  if (ref.name.length > 64) throw validation(ref.name, 'functionName', 'Member must have length less than or equal to 64');
  if (ref.qualifier !== undefined || !validFunctionName(ref.name)) {
    throw validation(input.FunctionName, 'functionName', 'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)');
  }
  if ((input.PackageType ?? 'Zip') === 'Image') throw invalidParameter('kanri runs Zip packages only; container images (PackageType Image) are not supported.');
  if (!input.Runtime || !input.Handler) throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  checkRuntime(input.Runtime);
  checkLimits(input);
  const name = ref.name;
  const arn = functionArn(ctx.region, ctx.accountId, name);
  const s = ctx.platform.storage;
  if (findFunction(s, ctx.accountId, ctx.region, name)) throw conflict(`Function already exist: ${name}`);
  const zip = await packageOf(ctx, input.Code ?? {});
  return s.transaction(() => {
    if (findFunction(s, ctx.accountId, ctx.region, name)) throw conflict(`Function already exist: ${name}`);
    const layers = resolveLayers(ctx.platform, input.Layers);
    const code = saveCode(ctx.platform, zip);
    const now = ctx.platform.clock.now();
    const config = newConfig({ ...input, FunctionName: name, Layers: layers }, arn, code, now);
    insertFunction(s, { accountId: ctx.accountId, region: ctx.region, name, createdAt: now, nextVersion: 1, policy: null, tags: { ...(input.Tags ?? {}) }, reservedConcurrency: null });
    const row: VersionRow = { name, version: '$LATEST', config, codeSha: code.codeSha, readyAt: now + READY_DELAY_MS };
    putVersion(s, ctx.accountId, ctx.region, row);
    emitFunction(ctx, name, null, view(row, Number.MAX_SAFE_INTEGER));
    if (input.Publish) return publish(ctx, name, undefined).config;
    return config;
  });
}

export function getFunctionConfiguration(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext) {
  const r = resolve(ctx, input.FunctionName, input.Qualifier, 1);
  return view(r.version, ctx.platform.clock.now());
}

export function getFunction(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext) {
  const r = resolve(ctx, input.FunctionName, input.Qualifier, 1);
  return {
    Configuration: view(r.version, ctx.platform.clock.now()),
    // kanri keeps the package in its data folder; it has no presigned URL to hand out.
    Code: { RepositoryType: 'S3' },
    Tags: r.ref.qualifier ? undefined : r.fn.tags,
    Concurrency: r.fn.reservedConcurrency === null ? undefined : { ReservedConcurrentExecutions: r.fn.reservedConcurrency },
  };
}

export function listFunctions(input: { Marker?: string; MaxItems?: number; FunctionVersion?: string }, ctx: RequestContext) {
  const size = input.MaxItems ?? 50;
  const s = ctx.platform.storage;
  const rows = listLatest(s, ctx.accountId, ctx.region, decodeMarker(input.Marker), size + 1);
  const page = rows.slice(0, size);
  const now = ctx.platform.clock.now();
  const functions = input.FunctionVersion === 'ALL'
    ? page.flatMap((r) => listVersions(s, ctx.accountId, ctx.region, r.name).map((v) => view(v, now)))
    : page.map((r) => view(r, now));
  return { Functions: functions, NextMarker: rows.length > size ? encodeMarker(page[page.length - 1].name) : undefined };
}

function latestFor(ctx: RequestContext, functionName: string): VersionRow {
  const ref = parseFunctionName(ctx, functionName);
  requireFunction(ctx.platform, ref);
  if (ref.qualifier && ref.qualifier !== '$LATEST') throw invalidParameter('Unsupported qualifier. Only $LATEST can be updated.');
  return findVersion(ctx.platform.storage, ctx.accountId, ctx.region, ref.name, '$LATEST')!;
}

export async function updateFunctionCode(input: any, ctx: RequestContext) {
  const first = latestFor(ctx, input.FunctionName);
  requireSettled(first, ctx.platform.clock.now(), first.config.FunctionArn);
  const zip = await packageOf(ctx, input);
  const s = ctx.platform.storage;
  return s.transaction(() => {
    const row = latestFor(ctx, input.FunctionName);
    checkRevision(row.config, input.RevisionId, preconditionFailed);
    const before = view(row, Number.MAX_SAFE_INTEGER);
    if (input.Architectures) row.config.Architectures = input.Architectures;
    if (input.DryRun) return view({ ...row, config: { ...row.config } }, ctx.platform.clock.now());
    const code: StoredCode = saveCode(ctx.platform, zip);
    const now = ctx.platform.clock.now();
    const oldSha = row.codeSha;
    Object.assign(row.config, { CodeSha256: code.sha256, CodeSize: code.size });
    markUpdating(row.config, now);
    row.codeSha = code.codeSha;
    row.readyAt = now + READY_DELAY_MS;
    putVersion(s, ctx.accountId, ctx.region, row);
    if (oldSha !== code.codeSha && !codeInUse(s, oldSha)) removeCode(ctx.platform, oldSha);
    emitFunction(ctx, row.name, before, view(row, Number.MAX_SAFE_INTEGER));
    stopWorkers(ctx.platform, row.config.FunctionArn);
    if (input.Publish) return publish(ctx, row.name, undefined).config;
    return row.config;
  });
}

export function updateFunctionConfiguration(input: any, ctx: RequestContext) {
  const row = latestFor(ctx, input.FunctionName);
  const now = ctx.platform.clock.now();
  requireSettled(row, now, row.config.FunctionArn);
  checkRevision(row.config, input.RevisionId, preconditionFailed);
  checkRuntime(input.Runtime);
  checkLimits(input);
  const layers = resolveLayers(ctx.platform, input.Layers);
  const before = view(row, Number.MAX_SAFE_INTEGER);
  applyConfig(row.config, { ...input, Layers: layers });
  markUpdating(row.config, now);
  row.readyAt = now + READY_DELAY_MS;
  putVersion(ctx.platform.storage, ctx.accountId, ctx.region, row);
  emitFunction(ctx, row.name, before, view(row, Number.MAX_SAFE_INTEGER));
  stopWorkers(ctx.platform, row.config.FunctionArn);
  return row.config;
}

export function deleteFunction(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext) {
  const ref = parseFunctionName(ctx, input.FunctionName, input.Qualifier);
  const fn = requireFunction(ctx.platform, ref);
  const s = ctx.platform.storage;
  const versions = listVersions(s, ctx.accountId, ctx.region, ref.name);
  if (ref.qualifier && ref.qualifier !== '$LATEST') {
    if (!/^\d+$/.test(ref.qualifier)) throw invalidParameter('Deletion of aliases is not supported.');
    const row = versions.find((v) => v.version === ref.qualifier);
    if (!row) throw functionNotFound(functionArn(ctx.region, ctx.accountId, ref.name, ref.qualifier));
    const aliases = listAliases(s, ctx.accountId, ctx.region, ref.name)
      .filter((a) => a.FunctionVersion === ref.qualifier || Object.hasOwn(a.RoutingConfig?.AdditionalVersionWeights ?? {}, ref.qualifier!));
    if (aliases.length) throw conflict(`Unable to delete version because the following aliases reference it: [${aliases.map((a) => a.Name).join(', ')}]`);
    deleteVersion(s, ctx.accountId, ctx.region, ref.name, ref.qualifier);
    if (!codeInUse(s, row.codeSha)) removeCode(ctx.platform, row.codeSha);
    stopWorkers(ctx.platform, functionArn(ctx.region, ctx.accountId, ref.name));
    return {};
  }
  const latest = versions.find((v) => v.version === '$LATEST');
  deleteFunctionRows(s, ctx.accountId, ctx.region, fn.name);
  for (const sha of new Set(versions.map((v) => v.codeSha))) if (!codeInUse(s, sha)) removeCode(ctx.platform, sha);
  stopWorkers(ctx.platform, functionArn(ctx.region, ctx.accountId, ref.name));
  ctx.emit(changeEvent(ctx, fn.name, latest ? view(latest, Number.MAX_SAFE_INTEGER) : null, null));
  return {};
}
