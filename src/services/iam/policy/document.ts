// Policy documents: parsing into statements, and the checks IAM makes before it stores one
// (the MalformedPolicyDocument messages are AWS's).
import { AwsError } from '../../../protocol/errors';
import { statementSpans, type Span } from './positions';

export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: unknown;
  notPrincipal?: unknown;
  condition?: Record<string, Record<string, unknown>>;
  span?: Span;
}

export interface PolicyDocument {
  version?: string;
  statements: Statement[];
}

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const VERSIONS = new Set(['2008-10-17', '2012-10-17']);

export function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocumentException', message, 400);
}

const syntax = () => malformed('Syntax errors in policy.');

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw syntax();
}

function readStatement(raw: unknown): Statement {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw syntax();
  const s = raw as Record<string, unknown>;
  if (Object.keys(s).some((k) => !STATEMENT_ELEMENTS.has(k))) throw syntax();
  if (('Action' in s && 'NotAction' in s) || ('Resource' in s && 'NotResource' in s)) throw syntax();
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw syntax();
  if (s.Sid !== undefined && typeof s.Sid !== 'string') throw syntax();
  const condition = s.Condition;
  if (condition !== undefined) {
    if (!condition || typeof condition !== 'object' || Array.isArray(condition)) throw syntax();
    for (const block of Object.values(condition)) {
      if (!block || typeof block !== 'object' || Array.isArray(block)) throw syntax();
      for (const v of Object.values(block)) if (!['string', 'boolean', 'number'].includes(typeof v) && !Array.isArray(v)) throw syntax();
    }
  }
  return {
    sid: s.Sid as string | undefined, effect: s.Effect, action: stringList(s.Action), notAction: stringList(s.NotAction),
    resource: stringList(s.Resource), notResource: stringList(s.NotResource), principal: s.Principal, notPrincipal: s.NotPrincipal,
    condition: condition as Statement['condition'],
  };
}

/** Parses a document; withSpans adds each statement's line/column span (for MatchedStatements). */
export function parsePolicy(text: string, withSpans = false): PolicyDocument {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { throw syntax(); }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw syntax();
  const d = doc as Record<string, unknown>;
  if (Object.keys(d).some((k) => !TOP_ELEMENTS.has(k))) throw syntax();
  if (d.Version !== undefined && !VERSIONS.has(d.Version as string)) throw syntax();
  if (d.Id !== undefined && typeof d.Id !== 'string') throw syntax();
  const raw = d.Statement;
  if (!raw || typeof raw !== 'object') throw syntax();
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.length) throw syntax();
  const statements = list.map(readStatement);
  if (withSpans) {
    const spans = statementSpans(text);
    statements.forEach((s, i) => (s.span = spans[i]));
  }
  return { version: d.Version as string | undefined, statements };
}

function checkActions(statements: Statement[]): void {
  for (const s of statements) {
    const actions = s.action ?? s.notAction;
    if (!actions?.length) throw malformed('Policy statement must contain actions.');
    for (const a of actions) {
      if (a === '*') continue;
      const parts = a.split(':');
      if (parts.length === 1) throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
      if (parts.length > 2) throw malformed('Actions/Condition can contain only one colon.');
      if (/[^a-zA-Z0-9.-]/.test(parts[0])) throw malformed(`Vendor ${parts[0]} is not valid`);
    }
  }
}

function checkSids(statements: Statement[]): void {
  const seen = new Set<string>();
  for (const s of statements) {
    if (!s.sid) continue;
    if (seen.has(s.sid)) throw malformed('Statement IDs (SID) in a single policy must be unique.');
    seen.add(s.sid);
  }
}

/** A managed or inline (identity-based) policy: what CreatePolicy and Put*Policy accept. */
export function validateIdentityPolicy(text: string): PolicyDocument {
  const doc = parsePolicy(text);
  if (doc.version !== '2012-10-17') throw malformed('Policy document must be version 2012-10-17 or greater.');
  checkSids(doc.statements);
  checkActions(doc.statements);
  for (const s of doc.statements) {
    const resources = s.resource ?? s.notResource;
    if (!resources?.length) throw malformed('Policy statement must contain resources.');
    for (const r of resources) if (r !== '*' && !r.includes(':')) throw malformed(`Resource ${r} must be in ARN format or "*".`);
    if (s.principal !== undefined || s.notPrincipal !== undefined) throw malformed('Policy document should not specify a principal.');
  }
  return doc;
}

/** A role's trust policy: who may assume it. Older documents say 2008-10-17, which IAM still accepts. */
export function validateTrustPolicy(text: string): PolicyDocument {
  const doc = parsePolicy(text);
  checkSids(doc.statements);
  checkActions(doc.statements);
  for (const s of doc.statements) {
    if (s.resource || s.notResource) throw malformed('Has prohibited field Resource.');
    if (s.principal === undefined && s.notPrincipal === undefined) throw malformed('Missing required field Principal');
  }
  return doc;
}

/** A document's size as IAM's quotas count it: white space does not count. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

/** Documents as IAM returns them: URL-encoded per RFC 3986 (SDKs such as boto3 decode them). */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
