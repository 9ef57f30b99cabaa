// PublishVersion and ListVersionsByFunction. A version is a frozen copy of $LATEST.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../types';
import { lastModified, view } from '../config';
import { invalidParameter, preconditionFailed } from '../errors';
import { functionArn, parseFunctionName } from '../names';
import { decodeMarker, encodeMarker } from '../paging';
import { requireFunction } from '../resolve';
import { findVersion, listVersions, putVersion, updateFunction, type VersionRow } from '../store';

// A version's own Description is not $LATEST's, so it does not count as a change.
const FROZEN_KEYS = ['CodeSha256', 'Runtime', 'Handler', 'Role', 'Timeout', 'MemorySize', 'Environment', 'Layers', 'VpcConfig', 'TracingConfig', 'EphemeralStorage', 'LoggingConfig', 'DeadLetterConfig', 'KMSKeyArn', 'Architectures'];

function sameContent(a: Record<string, any>, b: Record<string, any>): boolean {
  return FROZEN_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** Publishes $LATEST; if nothing changed since the last version, AWS answers that version. */
export function publish(ctx: RequestContext, name: string, description: string | undefined, codeSha?: string, revisionId?: string): VersionRow {
  const s = ctx.platform.storage;
  const fn = requireFunction(ctx.platform, { accountId: ctx.accountId, region: ctx.region, name });
  const latest = findVersion(s, ctx.accountId, ctx.region, name, '$LATEST')!;
  if (codeSha !== undefined && codeSha !== latest.config.CodeSha256) {
    throw invalidParameter(`CodeSHA256 (${codeSha}) is different from current CodeSHA256 in $LATEST (${latest.config.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
  }
  if (revisionId !== undefined && revisionId !== latest.config.RevisionId) throw preconditionFailed();
  const versions = listVersions(s, ctx.accountId, ctx.region, name);
  const last = versions[versions.length - 1];
  if (last && last.version !== '$LATEST' && sameContent(last.config, latest.config)) return last;
  const version = String(fn.nextVersion);
  const now = ctx.platform.clock.now();
  const config = {
    ...view(latest, Number.MAX_SAFE_INTEGER), Version: version, FunctionArn: functionArn(ctx.region, ctx.accountId, name, version),
    RevisionId: randomUUID(), LastModified: lastModified(now), ...(description !== undefined ? { Description: description } : {}),
    State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating',
  };
  delete (config as Record<string, unknown>).LastUpdateStatus;
  const row: VersionRow = { name, version, config, codeSha: latest.codeSha, readyAt: now };
  putVersion(s, ctx.accountId, ctx.region, row);
  updateFunction(s, { ...fn, nextVersion: fn.nextVersion + 1 });
  return row;
}

export function publishVersion(input: { FunctionName: string; CodeSha256?: string; Description?: string; RevisionId?: string }, ctx: RequestContext) {
  const ref = parseFunctionName(ctx, input.FunctionName);
  requireFunction(ctx.platform, ref);
  return publish(ctx, ref.name, input.Description, input.CodeSha256, input.RevisionId).config;
}

export function listVersionsByFunction(input: { FunctionName: string; Marker?: string; MaxItems?: number }, ctx: RequestContext) {
  const ref = parseFunctionName(ctx, input.FunctionName);
  requireFunction(ctx.platform, ref);
  const all = listVersions(ctx.platform.storage, ctx.accountId, ctx.region, ref.name);
  const after = decodeMarker(input.Marker);
  const start = after ? all.findIndex((v) => v.version === after) + 1 : 0;
  const size = input.MaxItems ?? 50;
  const page = all.slice(start, start + size);
  const now = ctx.platform.clock.now();
  return { Versions: page.map((v) => view(v, now)), NextMarker: start + size < all.length ? encodeMarker(page[page.length - 1].version) : undefined };
}
