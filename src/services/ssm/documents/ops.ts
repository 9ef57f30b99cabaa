// CreateDocument, UpdateDocument, GetDocument, DescribeDocument, ListDocumentVersions,
// UpdateDocumentDefaultVersion and DeleteDocument. Each change is an AWS::SSM::Document
// configuration change for AWS Config.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { validation } from '../errors';
import { decodeToken, encodeToken } from '../paging';
import {
  countDocuments, deleteDocVersion, deleteDocumentRows, findDocVersionByName, findDocument, insertDocVersion, insertDocument, listDocVersions, sharesOf,
  updateDocumentVersions, type DocVersionRow, type DocumentRow,
} from '../store-documents';
import { putTag } from '../store-parameters';
import { isReservedDocumentName } from './aws-owned';
import { parseBody, parseDocument, sha256 } from './content';
import { documentArn, documentDescription, noSuchDocument, resolveDocument, type Found } from './resolve';
import { toYaml } from './yaml';

const MAX_DOCUMENTS = 500;
const MAX_VERSIONS = 1000;

interface ContentInput { Content: string; DocumentFormat?: string; VersionName?: string; DisplayName?: string; TargetType?: string; Requires?: unknown[]; Attachments?: unknown[] }

function newVersion(ctx: RequestContext, input: ContentInput, type: string, version: number): DocVersionRow {
  if (input.Attachments?.length) throw validation('kanri does not store document attachments; create the document without Attachments.');
  const format = input.DocumentFormat ?? 'JSON';
  const parsed = parseDocument(input.Content, format, type);
  return {
    version, versionName: input.VersionName ?? null, displayName: input.DisplayName ?? null, content: input.Content, format, hash: sha256(input.Content),
    schemaVersion: parsed.schemaVersion, description: parsed.description ?? null, parameters: JSON.stringify(parsed.parameters),
    platformTypes: JSON.stringify(parsed.platformTypes), requires: input.Requires?.length ? JSON.stringify(input.Requires) : null, createdAt: ctx.now.getTime(),
  };
}

function emitChange(ctx: RequestContext, name: string, before: unknown, after: unknown): void {
  ctx.emit({ resourceType: 'AWS::SSM::Document', resourceId: name, resourceName: name, arn: documentArn(ctx.region, ctx.accountId, name), before, after });
}

/** The document as AWS Config records it: its description, in camelCase all the way down. */
function configurationOf(value: unknown): any {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(configurationOf);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k.charAt(0).toLowerCase() + k.slice(1)] = configurationOf(v);
  return out;
}

function ownDocument(ctx: RequestContext, name: string): DocumentRow {
  const doc = findDocument(ctx.platform.storage, ctx, name);
  if (!doc) throw noSuchDocument();
  return doc;
}

export function createDocument(input: ContentInput & { Name: string; DocumentType?: string; Tags?: { Key: string; Value: string }[] }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const type = input.DocumentType ?? 'Command';
  if (isReservedDocumentName(input.Name)) throw validation(`Document name ${input.Name} is not valid: names that begin with AWS-, Amazon or AMZN are reserved for documents that AWS owns.`);
  if (findDocument(storage, ctx, input.Name)) throw new AwsError('DocumentAlreadyExists', 'The specified document already exists.');
  if (!['Command', 'Automation', 'Session', 'Package', 'Policy'].includes(type)) {
    throw validation(`kanri supports documents of type Command, Automation, Session, Package and Policy; ${type} documents are not available.`);
  }
  const version = newVersion(ctx, input, type, 1);
  if (countDocuments(storage, ctx) >= MAX_DOCUMENTS) throw new AwsError('DocumentLimitExceeded', 'You can have at most 500 active SSM documents.');
  const doc: DocumentRow = { accountId: ctx.accountId, region: ctx.region, name: input.Name, documentType: type, targetType: input.TargetType ?? null,
    defaultVersion: 1, latestVersion: 1, createdAt: ctx.now.getTime() };
  insertDocument(storage, doc);
  insertDocVersion(storage, ctx, doc.name, version);
  for (const t of input.Tags ?? []) putTag(storage, ctx, 'Document', doc.name, t.Key, t.Value);
  const description = documentDescription(ctx, { doc, version, owner: ctx.accountId, amazon: false });
  emitChange(ctx, doc.name, null, configurationOf(description));
  // AWS answers while the document is still being created; it is Active right after.
  return { DocumentDescription: { ...description, Status: 'Creating' } };
}

export function updateDocument(input: ContentInput & { Name: string; DocumentVersion?: string }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  const doc = ownDocument(ctx, input.Name);
  if (input.DocumentVersion !== undefined && input.DocumentVersion !== '$LATEST' && input.DocumentVersion !== String(doc.latestVersion)) {
    throw new AwsError('InvalidDocumentVersion', 'You can update only the latest version of a document. Specify $LATEST or the latest version number.');
  }
  const before = documentDescription(ctx, resolveDocument(ctx, doc.name));
  const latest = resolveDocument(ctx, doc.name, '$LATEST').version;
  if (doc.latestVersion >= MAX_VERSIONS) throw new AwsError('DocumentVersionLimitExceeded', 'The document has too many versions. Delete one or more document versions and try again.');
  if (input.VersionName !== undefined && findDocVersionByName(storage, ctx, doc.name, input.VersionName)) {
    throw new AwsError('DuplicateDocumentVersionName', 'The version name has already been used in this document. Specify a different name for the version.');
  }
  const version = newVersion(ctx, { DocumentFormat: latest.format, ...input }, doc.documentType, doc.latestVersion + 1);
  if (version.hash === latest.hash) throw new AwsError('DuplicateDocumentContent', 'The content of the document matches the latest version. Change the content of the document and try again.');
  insertDocVersion(storage, ctx, doc.name, version);
  const next = { ...doc, latestVersion: version.version, targetType: input.TargetType ?? doc.targetType };
  updateDocumentVersions(storage, next);
  const description = documentDescription(ctx, { doc: next, version, owner: ctx.accountId, amazon: false });
  emitChange(ctx, doc.name, configurationOf(before), configurationOf(documentDescription(ctx, resolveDocument(ctx, doc.name))));
  return { DocumentDescription: { ...description, Status: 'Updating' } };
}

/** The content in the format asked for: AWS converts between JSON and YAML. */
function contentIn(v: DocVersionRow, format: string | undefined): string {
  if (!format || format === v.format) return v.content;
  const body = parseBody(v.content, v.format);
  if (format === 'JSON') return JSON.stringify(body, null, 2);
  if (format === 'YAML') return toYaml(body);
  throw validation(`Document format ${format} is not supported for this document; use JSON or YAML.`);
}

export function getDocument(input: { Name: string; DocumentVersion?: string; VersionName?: string; DocumentFormat?: string }, ctx: RequestContext) {
  const f = resolveDocument(ctx, input.Name, input.DocumentVersion, input.VersionName);
  return {
    Name: f.doc.name, CreatedDate: new Date(f.version.createdAt), DisplayName: f.version.displayName ?? undefined, VersionName: f.version.versionName ?? undefined,
    DocumentVersion: String(f.version.version), Status: 'Active', Content: contentIn(f.version, input.DocumentFormat), DocumentType: f.doc.documentType,
    DocumentFormat: input.DocumentFormat ?? f.version.format, Requires: f.version.requires ? JSON.parse(f.version.requires) : undefined,
  };
}

export function describeDocument(input: { Name: string; DocumentVersion?: string; VersionName?: string }, ctx: RequestContext) {
  return { Document: documentDescription(ctx, resolveDocument(ctx, input.Name, input.DocumentVersion, input.VersionName)) };
}

export function listDocumentVersions(input: { Name: string; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const f: Found = resolveDocument(ctx, input.Name);
  const limit = input.MaxResults ?? 50;
  const after = Number(decodeToken(input.NextToken) || 0);
  const rows = f.amazon ? [f.version].filter((v) => v.version > after) : listDocVersions(ctx.platform.storage, f.doc, f.doc.name, after, limit + 1);
  const page = rows.slice(0, limit);
  return {
    DocumentVersions: page.map((v) => ({
      Name: f.doc.name, DisplayName: v.displayName ?? undefined, DocumentVersion: String(v.version), VersionName: v.versionName ?? undefined,
      CreatedDate: new Date(v.createdAt), IsDefaultVersion: v.version === f.doc.defaultVersion, DocumentFormat: v.format, Status: 'Active',
    })),
    NextToken: rows.length > limit ? encodeToken(String(page[page.length - 1].version)) : undefined,
  };
}

export function updateDocumentDefaultVersion(input: { Name: string; DocumentVersion: string }, ctx: RequestContext) {
  const doc = ownDocument(ctx, input.Name);
  const f = resolveDocument(ctx, doc.name, input.DocumentVersion);
  const before = documentDescription(ctx, resolveDocument(ctx, doc.name));
  const next = { ...doc, defaultVersion: f.version.version };
  updateDocumentVersions(ctx.platform.storage, next);
  emitChange(ctx, doc.name, configurationOf(before), configurationOf(documentDescription(ctx, resolveDocument(ctx, doc.name))));
  return { Description: { Name: doc.name, DefaultVersion: String(f.version.version), DefaultVersionName: f.version.versionName ?? undefined } };
}

export function deleteDocument(input: { Name: string; DocumentVersion?: string; VersionName?: string; Force?: boolean }, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  if (isReservedDocumentName(input.Name) && !findDocument(storage, ctx, input.Name)) {
    throw new AwsError('InvalidDocumentOperation', `You can't delete ${input.Name}: documents that AWS owns can't be deleted.`);
  }
  const doc = ownDocument(ctx, input.Name);
  const before = documentDescription(ctx, resolveDocument(ctx, doc.name));
  if (input.DocumentVersion !== undefined || input.VersionName !== undefined) {
    const f = resolveDocument(ctx, doc.name, input.DocumentVersion, input.VersionName);
    if (f.version.version === doc.defaultVersion) throw new AwsError('InvalidDocumentOperation', 'You can\'t delete the default version of a document. Set another version as the default first.');
    deleteDocVersion(storage, ctx, doc.name, f.version.version);
    if (f.version.version === doc.latestVersion) {
      const remaining = listDocVersions(storage, ctx, doc.name, 0, MAX_VERSIONS + 1);
      updateDocumentVersions(storage, { ...doc, latestVersion: remaining[remaining.length - 1].version });
    }
    emitChange(ctx, doc.name, configurationOf(before), configurationOf(documentDescription(ctx, resolveDocument(ctx, doc.name))));
    return {};
  }
  if (sharesOf(storage, ctx, doc.name).length) throw new AwsError('InvalidDocumentOperation', 'You can\'t delete a document that is shared. Stop sharing it first (ModifyDocumentPermission).');
  deleteDocumentRows(storage, ctx, doc.name);
  emitChange(ctx, doc.name, configurationOf(before), null);
  return {};
}

