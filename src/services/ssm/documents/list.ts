// ListDocuments: AWS-owned documents, the account's own and those shared with it, merged in name
// order and filtered by Owner (Self, Amazon, Private, Public, All), Name, DocumentType,
// PlatformTypes, TargetType, SearchKeyword and tag keys.
import type { RequestContext } from '../../types';
import { invalidFilterKey, validation } from '../errors';
import { decodeToken, encodeToken } from '../paging';
import { findDocument, listOwnDocuments, sharedWith, type DocumentRow } from '../store-documents';
import { tagsOf } from '../store-parameters';
import { awsDocumentNames } from './aws-owned';
import { resolveDocument, type Found } from './resolve';

interface KeyValues { Key?: string; Values?: string[] }

const KEYS = ['Name', 'Owner', 'PlatformTypes', 'DocumentType', 'TargetType', 'SearchKeyword'];

function normalize(input: { DocumentFilterList?: { key: string; value: string }[]; Filters?: KeyValues[] }): KeyValues[] {
  const legacy = (input.DocumentFilterList ?? []).map((f) => ({ Key: f.key, Values: [f.value] }));
  const all = [...legacy, ...(input.Filters ?? [])];
  for (const f of all) {
    if (f.Key === undefined) throw invalidFilterKey('A filter key is required.');
    if (!KEYS.includes(f.Key) && !f.Key.startsWith('tag:')) throw invalidFilterKey(`The filter key ${f.Key} is not valid. Valid keys are ${KEYS.join(', ')} and tag keys (tag:<key>).`);
  }
  return all;
}

interface Candidate { name: string; owner: 'Self' | 'Amazon' | 'Shared'; doc?: DocumentRow; accountId?: string; isPublic?: boolean }

function candidates(ctx: RequestContext, owner: string): Candidate[] {
  const out: Candidate[] = [];
  if (owner === 'All' || owner === 'Amazon') for (const name of awsDocumentNames()) out.push({ name, owner: 'Amazon' });
  if (owner === 'All' || owner === 'Self') for (const doc of listOwnDocuments(ctx.platform.storage, ctx, '', 100_000)) out.push({ name: doc.name, owner: 'Self', doc });
  if (owner === 'All' || owner === 'Private') {
    for (const s of sharedWith(ctx.platform.storage, ctx.region, ctx.accountId)) out.push({ name: s.name, owner: 'Shared', accountId: s.accountId });
  }
  if (owner === 'All' || owner === 'Public') {
    for (const s of sharedWith(ctx.platform.storage, ctx.region, 'all')) if (s.accountId !== ctx.accountId) out.push({ name: s.name, owner: 'Shared', accountId: s.accountId, isPublic: true });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.accountId ?? '').localeCompare(b.accountId ?? '')));
}

function found(ctx: RequestContext, c: Candidate): Found | undefined {
  if (c.owner === 'Amazon') return resolveDocument(ctx, c.name);
  const scope = { accountId: c.accountId ?? ctx.accountId, region: ctx.region };
  const doc = c.doc ?? findDocument(ctx.platform.storage, scope, c.name);
  if (!doc) return undefined;
  return resolveDocument(ctx, c.owner === 'Self' ? c.name : `arn:aws:ssm:${ctx.region}:${scope.accountId}:document/${c.name}`);
}

function matches(ctx: RequestContext, f: Found, filters: KeyValues[]): boolean {
  const values = (k: KeyValues) => k.Values ?? [];
  for (const filter of filters) {
    const v = values(filter);
    switch (filter.Key) {
      case 'Owner': break;
      case 'Name': if (!v.some((x) => f.doc.name.startsWith(x))) return false; break;
      case 'DocumentType': if (!v.includes(f.doc.documentType)) return false; break;
      case 'TargetType': if (!v.includes(f.doc.targetType ?? '')) return false; break;
      case 'PlatformTypes': if (!v.some((x) => (JSON.parse(f.version.platformTypes) as string[]).includes(x))) return false; break;
      case 'SearchKeyword': if (!v.some((x) => f.doc.name.toLowerCase().includes(x.toLowerCase()))) return false; break;
      default: {
        if (f.amazon) return false;
        const tag = tagsOf(ctx.platform.storage, { accountId: f.doc.accountId, region: f.doc.region }, 'Document', f.doc.name).find((t) => t.Key === filter.Key!.slice(4));
        if (!tag || (v.length && !v.includes(tag.Value))) return false;
      }
    }
  }
  return true;
}

export function listDocuments(input: { DocumentFilterList?: { key: string; value: string }[]; Filters?: KeyValues[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const filters = normalize(input);
  const ownerFilters = filters.filter((f) => f.Key === 'Owner');
  if (ownerFilters.length > 1 || (ownerFilters[0] && ownerFilters[0].Values?.length !== 1)) throw validation('Owner filter can only have one value.');
  const owner = ownerFilters[0]?.Values?.[0] ?? 'All';
  if (!['Self', 'Amazon', 'Private', 'Public', 'All', 'ThirdParty'].includes(owner)) throw validation(`Owner ${owner} is not valid. Valid owners are Self, Amazon, Private, Public, ThirdParty and All.`);
  const limit = input.MaxResults ?? 50;
  const after = decodeToken(input.NextToken);
  const list = owner === 'ThirdParty' ? [] : candidates(ctx, owner);
  const DocumentIdentifiers: unknown[] = [];
  let last: string | undefined;
  let more = false;
  for (const c of list) {
    const key = `${c.name}\u0000${c.accountId ?? ''}`;
    if (after && key <= after) continue;
    const f = found(ctx, c);
    if (!f || !matches(ctx, f, filters)) continue;
    if (DocumentIdentifiers.length === limit) { more = true; break; }
    last = key;
    const v = f.version;
    DocumentIdentifiers.push({
      Name: f.doc.name, CreatedDate: new Date(v.createdAt), DisplayName: v.displayName ?? undefined, Owner: f.owner, VersionName: v.versionName ?? undefined,
      PlatformTypes: JSON.parse(v.platformTypes), DocumentVersion: String(v.version), DocumentType: f.doc.documentType, SchemaVersion: v.schemaVersion,
      DocumentFormat: v.format, TargetType: f.doc.targetType ?? undefined, Requires: v.requires ? JSON.parse(v.requires) : undefined,
      Tags: f.amazon ? [] : tagsOf(ctx.platform.storage, { accountId: f.doc.accountId, region: f.doc.region }, 'Document', f.doc.name),
    });
  }
  return { DocumentIdentifiers, NextToken: more && last ? encodeToken(last) : undefined };
}
