// Traffic policies: versioned JSON documents, checked for the structure Route 53 requires. kanri
// does not make traffic policy instances (their operations answer 501), so none is ever in use.
import { randomUUID } from 'node:crypto';
import type { Row } from '../../../storage/database';
import type { RequestContext } from '../../types';
import { r53 } from '../errors';
import { pageSize } from './zones';

const TYPES = new Set(['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NAPTR', 'PTR', 'SPF', 'SRV', 'TXT', 'DS']);
const RULE_TYPES = new Set(['failover', 'geo', 'latency', 'geoproximity', 'multivalue', 'weighted']);

function invalidDocument(message: string) {
  return r53('InvalidTrafficPolicyDocument', message);
}

/** The document's record type, after the checks of its structure. */
function checkDocument(text: string): string {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalidDocument('Invalid JSON in the traffic policy document.');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidDocument('The traffic policy document must be a JSON object.');
  if (doc.AWSPolicyFormatVersion !== '2015-10-01') throw invalidDocument('AWSPolicyFormatVersion must be 2015-10-01.');
  if (!TYPES.has(doc.RecordType)) throw invalidDocument(`RecordType ${String(doc.RecordType)} is not a supported record type.`);
  const endpoints = doc.Endpoints ?? {};
  const rules = doc.Rules ?? {};
  if (typeof endpoints !== 'object' || typeof rules !== 'object') throw invalidDocument('Endpoints and Rules must be JSON objects.');
  if ((doc.StartEndpoint === undefined) === (doc.StartRule === undefined)) throw invalidDocument('The document must have exactly one of StartEndpoint and StartRule.');
  if (doc.StartEndpoint !== undefined && !Object.hasOwn(endpoints, doc.StartEndpoint)) throw invalidDocument(`StartEndpoint ${doc.StartEndpoint} is not defined in Endpoints.`);
  if (doc.StartRule !== undefined && !Object.hasOwn(rules, doc.StartRule)) throw invalidDocument(`StartRule ${doc.StartRule} is not defined in Rules.`);
  for (const [id, rule] of Object.entries<any>(rules)) {
    if (!rule || !RULE_TYPES.has(rule.RuleType)) throw invalidDocument(`Rule ${id} has no valid RuleType.`);
  }
  return doc.RecordType;
}

interface PolicyRow { id: string; version: number; name: string; type: string; document: string; comment: string | null }
const toPolicy = (r: Row): PolicyRow => ({ id: r.id, version: r.version, name: r.name, type: r.type, document: r.document, comment: r.comment });
const view = (p: PolicyRow) => ({ Id: p.id, Version: p.version, Name: p.name, Type: p.type, Document: p.document, ...(p.comment !== null ? { Comment: p.comment } : {}) });
const location = (p: PolicyRow) => `https://route53.amazonaws.com/2013-04-01/trafficpolicy/${p.id}/${p.version}`;

function versions(ctx: RequestContext, id: string): PolicyRow[] {
  return (ctx.platform.storage.stmt('SELECT * FROM route53_traffic_policies WHERE account_id = ? AND id = ? ORDER BY version').all(ctx.accountId, id) as Row[]).map(toPolicy);
}

function getVersion(ctx: RequestContext, id: string, version: number): PolicyRow {
  const p = versions(ctx, id).find((v) => v.version === version);
  if (!p) throw r53('NoSuchTrafficPolicy', `No traffic policy found with ID ${id} and version ${version}.`);
  return p;
}

function insert(ctx: RequestContext, p: PolicyRow): void {
  ctx.platform.storage.stmt('INSERT INTO route53_traffic_policies (id, version, account_id, name, type, document, comment) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(p.id, p.version, ctx.accountId, p.name, p.type, p.document, p.comment);
}

export function createTrafficPolicy(input: any, ctx: RequestContext) {
  const type = checkDocument(input.Document);
  const s = ctx.platform.storage;
  if (s.stmt('SELECT 1 FROM route53_traffic_policies WHERE account_id = ? AND name = ?').get(ctx.accountId, input.Name)) {
    throw r53('TrafficPolicyAlreadyExists', `A traffic policy with the name ${input.Name} already exists.`);
  }
  if ((s.stmt('SELECT COUNT(DISTINCT id) AS n FROM route53_traffic_policies WHERE account_id = ?').get(ctx.accountId) as Row).n >= 50) {
    throw r53('TooManyTrafficPolicies', 'This traffic policy can\'t be created because the current account has reached the limit on the number of traffic policies.');
  }
  const p: PolicyRow = { id: randomUUID(), version: 1, name: input.Name, type, document: input.Document, comment: input.Comment ?? null };
  insert(ctx, p);
  return { TrafficPolicy: view(p), Location: location(p) };
}

export function createTrafficPolicyVersion(input: any, ctx: RequestContext) {
  const all = versions(ctx, input.Id);
  if (!all.length) throw r53('NoSuchTrafficPolicy', `No traffic policy found with ID ${input.Id}.`);
  const type = checkDocument(input.Document);
  const latest = all[all.length - 1];
  if (type !== latest.type) throw invalidDocument(`A new version must have the policy's record type ${latest.type}.`);
  if (latest.version >= 1000) throw r53('TooManyTrafficPolicyVersionsForCurrentPolicy', 'This traffic policy has reached the limit of 1000 versions.');
  const p: PolicyRow = { id: latest.id, version: latest.version + 1, name: latest.name, type, document: input.Document, comment: input.Comment ?? null };
  insert(ctx, p);
  return { TrafficPolicy: view(p), Location: location(p) };
}

export function getTrafficPolicy(input: any, ctx: RequestContext) {
  return { TrafficPolicy: view(getVersion(ctx, input.Id, input.Version)) };
}

export function updateTrafficPolicyComment(input: any, ctx: RequestContext) {
  const p = getVersion(ctx, input.Id, input.Version);
  ctx.platform.storage.stmt('UPDATE route53_traffic_policies SET comment = ? WHERE id = ? AND version = ?').run(input.Comment, p.id, p.version);
  return { TrafficPolicy: view({ ...p, comment: input.Comment }) };
}

export function deleteTrafficPolicy(input: any, ctx: RequestContext) {
  const p = getVersion(ctx, input.Id, input.Version);
  ctx.platform.storage.stmt('DELETE FROM route53_traffic_policies WHERE id = ? AND version = ?').run(p.id, p.version);
  return {};
}

export function listTrafficPolicies(input: any, ctx: RequestContext) {
  const max = pageSize(input.MaxItems, 100);
  const rows = ctx.platform.storage.stmt(`SELECT id, MAX(version) AS latest, COUNT(*) AS n FROM route53_traffic_policies
                                         WHERE account_id = ? AND id >= ? GROUP BY id ORDER BY id LIMIT ?`)
    .all(ctx.accountId, input.TrafficPolicyIdMarker ?? '', max + 1) as Row[];
  const summaries = rows.slice(0, max).map((r) => {
    const latest = getVersion(ctx, r.id, r.latest);
    return { Id: r.id, Name: latest.name, Type: latest.type, LatestVersion: r.latest, TrafficPolicyCount: r.n };
  });
  const next = rows[max];
  return { TrafficPolicySummaries: summaries, IsTruncated: !!next, TrafficPolicyIdMarker: next ? next.id : input.TrafficPolicyIdMarker ?? '', MaxItems: String(max) };
}

export function listTrafficPolicyVersions(input: any, ctx: RequestContext) {
  const all = versions(ctx, input.Id);
  if (!all.length) throw r53('NoSuchTrafficPolicy', `No traffic policy found with ID ${input.Id}.`);
  const max = pageSize(input.MaxItems, 100);
  const from = input.TrafficPolicyVersionMarker !== undefined ? Number(input.TrafficPolicyVersionMarker) : 1;
  const page = all.filter((p) => p.version >= from);
  const next = page[max];
  return { TrafficPolicies: page.slice(0, max).map(view), IsTruncated: !!next, TrafficPolicyVersionMarker: next ? String(next.version) : '', MaxItems: String(max) };
}

/** kanri makes no traffic policy instances. */
export function getTrafficPolicyInstanceCount() {
  return { TrafficPolicyInstanceCount: 0 };
}
