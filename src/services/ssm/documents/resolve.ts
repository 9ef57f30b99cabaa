// Finding the document a request names: an AWS-owned document, one of the account's own, or one
// another account shared with it (named by ARN), at the version asked for ($DEFAULT, $LATEST, a
// number or a version name), and the DocumentDescription SSM answers with.
import { AwsError } from '../../../protocol/errors';
import { arn, parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { findDocVersion, findDocVersionByName, findDocument, sharesOf, type DocVersionRow, type DocumentRow } from '../store-documents';
import { tagsOf } from '../store-parameters';
import { awsDocument } from './aws-owned';
export { sha256 } from './content';

export interface Found { doc: DocumentRow; version: DocVersionRow; owner: string; amazon: boolean }

export const noSuchDocument = () => new AwsError('InvalidDocument', 'The specified document does not exist.');
export const badVersion = () => new AwsError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');

export function documentArn(region: string, accountId: string, name: string): string {
  return arn('ssm', region, accountId, `document/${name}`);
}

/** The document row a name or ARN names, and whose it is; undefined when the caller may not see it. */
export interface Visible { doc: DocumentRow; amazon: boolean; sharedVersion?: string | null }

export function findVisible(ctx: RequestContext, nameOrArn: string): Visible | undefined {
  const amazon = awsDocument(nameOrArn, ctx.region);
  if (amazon) return { doc: amazon.doc, amazon: true };
  if (!nameOrArn.startsWith('arn:')) {
    const doc = findDocument(ctx.platform.storage, ctx, nameOrArn);
    return doc && { doc, amazon: false };
  }
  const p = parseArn(nameOrArn);
  if (!p || p.service !== 'ssm' || !p.resource.startsWith('document/') || p.region !== ctx.region) return undefined;
  const name = p.resource.slice('document/'.length);
  const owner = { accountId: p.account, region: p.region };
  const doc = findDocument(ctx.platform.storage, owner, name);
  if (!doc) return undefined;
  if (p.account === ctx.accountId) return { doc, amazon: false };
  const shares = sharesOf(ctx.platform.storage, owner, name);
  const share = shares.find((s) => s.sharedWith === ctx.accountId) ?? shares.find((s) => s.sharedWith === 'all');
  return share ? { doc, amazon: false, sharedVersion: share.sharedVersion } : undefined;
}

export function versionNumber(doc: DocumentRow, version: string | undefined): number {
  if (version === undefined || version === '$DEFAULT') return doc.defaultVersion;
  if (version === '$LATEST') return doc.latestVersion;
  return Number(version);
}

export function resolveDocument(ctx: RequestContext, nameOrArn: string, version?: string, versionName?: string): Found {
  const visible = findVisible(ctx, nameOrArn);
  if (!visible) throw noSuchDocument();
  const { doc, amazon } = visible;
  // A document shared at $DEFAULT (the default when none is named) or $LATEST shows the other
  // account that version only; $ALL shares every version.
  if (visible.sharedVersion !== undefined && visible.sharedVersion !== '$ALL') {
    const shared = visible.sharedVersion === '$LATEST' ? doc.latestVersion : doc.defaultVersion;
    if (version !== undefined && version !== '$DEFAULT' && version !== '$LATEST' && Number(version) !== shared) throw badVersion();
    version = String(shared);
  }
  const scope = { accountId: doc.accountId, region: doc.region };
  let row: DocVersionRow | undefined;
  if (amazon) {
    const only = awsDocument(doc.name, ctx.region)!.version;
    row = versionNumber(doc, version) === 1 && (versionName === undefined || versionName === only.versionName) ? only : undefined;
  } else if (versionName !== undefined && version === undefined) {
    row = findDocVersionByName(ctx.platform.storage, scope, doc.name, versionName);
  } else {
    row = findDocVersion(ctx.platform.storage, scope, doc.name, versionNumber(doc, version));
    if (row && versionName !== undefined && row.versionName !== versionName) row = undefined;
  }
  if (!row) throw badVersion();
  return { doc, version: row, owner: amazon ? 'Amazon' : doc.accountId, amazon };
}

export function documentDescription(ctx: RequestContext, f: Found, status = 'Active') {
  const { doc, version: v } = f;
  const tags = f.amazon ? [] : tagsOf(ctx.platform.storage, { accountId: doc.accountId, region: doc.region }, 'Document', doc.name);
  return {
    Sha1: undefined, Hash: v.hash, HashType: 'Sha256', Name: doc.name, DisplayName: v.displayName ?? undefined, VersionName: v.versionName ?? undefined,
    Owner: f.owner, CreatedDate: new Date(v.createdAt), Status: status, DocumentVersion: String(v.version), Description: v.description ?? undefined,
    Parameters: JSON.parse(v.parameters), PlatformTypes: JSON.parse(v.platformTypes), DocumentType: doc.documentType, SchemaVersion: v.schemaVersion,
    LatestVersion: String(doc.latestVersion), DefaultVersion: String(doc.defaultVersion), DocumentFormat: v.format, TargetType: doc.targetType ?? undefined,
    Tags: tags, Requires: v.requires ? JSON.parse(v.requires) : undefined,
  };
}
