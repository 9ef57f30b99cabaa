// StartSession, TerminateSession, ResumeSession, DescribeSessions. A session needs its target's
// agent to hold a control channel (see channels.ts); the stream itself is served by transport.ts.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import { hexId } from '../../../core/ids';
import type { RequestContext } from '../../types';
import { parseBody } from '../documents/content';
import { findVisible, resolveDocument } from '../documents/resolve';
import { decodeToken, encodeToken } from '../paging';
import { endRelay, isConnected, prepareRelay, tellAgent } from './channels';
import { ec2StateOf } from '../instances/ec2';
import { findManagedInstance } from '../instances/store';
import { findSession, insertSession, listSessions, setSessionToken, type SessionRecord } from './store';

const DEFAULT_DOCUMENT = 'SSM-SessionManagerRunShell';

/** A stopped EC2 instance takes no session, even while an agent for it still holds a channel. */
function ec2Running(ctx: RequestContext, target: string): boolean {
  const i = findManagedInstance(ctx.platform.storage, ctx.accountId, ctx.region, target);
  return i?.resourceType !== 'EC2Instance' || ec2StateOf(ctx.platform, i) === 'running';
}

interface SessionDocument { sessionType?: string; inputs?: Record<string, unknown>; parameters?: Record<string, { default?: unknown; allowedPattern?: string }>; properties?: unknown }

export function newToken(): string {
  return randomBytes(48).toString('base64url');
}

export function streamUrl(ctx: RequestContext, sessionId: string): string {
  return `ws://${ctx.host || '127.0.0.1:4566'}/v1/data-channel/${sessionId}?role=publish_subscribe`;
}

function sessionOwnerName(ctx: RequestContext): string {
  const p = ctx.principal;
  if (p.userName) return p.userName;
  if (p.type === 'Root') return 'root';
  return p.arn.slice(p.arn.lastIndexOf('/') + 1) || 'user';
}

function readDocument(content: string, format: string): SessionDocument {
  try {
    const body = parseBody(content, format);
    return body && typeof body === 'object' ? (body as SessionDocument) : {};
  } catch {
    return {};
  }
}

/** The session's parameters: the document's defaults, then the caller's values, checked against the document. */
function sessionParameters(doc: SessionDocument, given: Record<string, string[]> | undefined): Record<string, string[]> {
  const declared = doc.parameters ?? {};
  const out: Record<string, string[]> = Object.create(null);
  for (const [name, p] of Object.entries(declared)) if (p && p.default !== undefined) out[name] = [String(p.default)];
  for (const [name, values] of Object.entries(given ?? {})) {
    if (!Object.hasOwn(declared, name)) throw new AwsError('ValidationException', `Parameter "${name}" is not defined in the document.`);
    const pattern = declared[name]?.allowedPattern;
    for (const v of values) {
      if (pattern && !safeTest(pattern, v)) throw new AwsError('ValidationException', `Parameter "${name}" "${v}" does not match the allowed pattern ${pattern}.`);
    }
    out[name] = values;
  }
  return out;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

export function startSession(input: { Target: string; DocumentName?: string; Parameters?: Record<string, string[]>; Reason?: string }, ctx: RequestContext) {
  const documentName = input.DocumentName ?? DEFAULT_DOCUMENT;
  let found;
  try {
    found = resolveDocument(ctx, documentName);
  } catch {
    throw new AwsError('InvalidDocument', `Document with name ${documentName} does not exist.`);
  }
  if (found.doc.documentType !== 'Session') throw new AwsError('InvalidDocument', `${documentName} is not a Session document.`);
  if (!isConnected(ctx.accountId, ctx.region, input.Target) || !ec2Running(ctx, input.Target)) throw new AwsError('TargetNotConnected', `${input.Target} is not connected.`);
  const body = readDocument(found.version.content, found.version.format);
  const parameters = sessionParameters(body, input.Parameters);
  // Shell sessions carry their own preferences; other kinds use the Region's shell preferences document.
  const prefsDoc = body.sessionType === 'Standard_Stream' ? body : preferencesDocument(ctx);
  const inputs = prefsDoc.inputs ?? {};
  const session: SessionRecord = {
    accountId: ctx.accountId, region: ctx.region, sessionId: `${sessionOwnerName(ctx)}${hexId('')}`, target: input.Target,
    documentName: found.doc.name, status: 'Connecting', startDate: ctx.now.getTime(), owner: ctx.principal.arn, reason: input.Reason,
    parameters, document: JSON.stringify(body), token: newToken(),
  };
  const bucket = typeof inputs.s3BucketName === 'string' && inputs.s3BucketName ? inputs.s3BucketName : undefined;
  const transcript = bucket ? { bucket, key: transcriptKey(String(inputs.s3KeyPrefix ?? ''), session.sessionId) } : undefined;
  if (transcript) session.outputUrl = `https://${transcript.bucket}.s3.amazonaws.com/${transcript.key}`;
  insertSession(ctx.platform.storage, session);
  prepareRelay(session, transcript);
  tellAgent(ctx.accountId, ctx.region, input.Target, 'aws.ssm.startSession', {
    SessionId: session.sessionId, DocumentName: session.documentName, SessionType: body.sessionType ?? 'Standard_Stream',
    Properties: body.properties ?? {}, Parameters: parameters,
    IdleSessionTimeout: Number(inputs.idleSessionTimeout) || 20, ShellProfile: inputs.shellProfile ?? {},
  });
  return { SessionId: session.sessionId, TokenValue: session.token, StreamUrl: streamUrl(ctx, session.sessionId) };
}

function transcriptKey(prefix: string, sessionId: string): string {
  return `${prefix ? prefix.replace(/\/*$/, '/') : ''}${sessionId}.log`;
}

function preferencesDocument(ctx: RequestContext): SessionDocument {
  const visible = findVisible(ctx, DEFAULT_DOCUMENT);
  if (!visible) return {};
  const f = resolveDocument(ctx, DEFAULT_DOCUMENT);
  return readDocument(f.version.content, f.version.format);
}

export async function terminateSession(input: { SessionId: string }, ctx: RequestContext) {
  const s = findSession(ctx.platform.storage, ctx.accountId, ctx.region, input.SessionId);
  if (s && s.status !== 'Terminated' && s.status !== 'Failed') {
    tellAgent(s.accountId, s.region, s.target, 'aws.ssm.terminateSession', { SessionId: s.sessionId });
    await endRelay(ctx.platform, s, 'Terminated');
  }
  return { SessionId: input.SessionId };
}

export function resumeSession(input: { SessionId: string }, ctx: RequestContext) {
  const s = findSession(ctx.platform.storage, ctx.accountId, ctx.region, input.SessionId);
  if (!s || s.status === 'Terminated' || s.status === 'Failed') {
    throw new AwsError('DoesNotExistException', `Session with id ${input.SessionId} does not exist or is no longer active.`);
  }
  const token = newToken();
  setSessionToken(ctx.platform.storage, s, token);
  return { SessionId: s.sessionId, TokenValue: token, StreamUrl: streamUrl(ctx, s.sessionId) };
}

type Filter = { key: string; value: string };

function matches(s: SessionRecord, filters: Filter[]): boolean {
  return filters.every(({ key, value }) => {
    switch (key) {
      case 'InvokedAfter': return s.startDate >= Date.parse(value);
      case 'InvokedBefore': return s.startDate <= Date.parse(value);
      case 'Target': return s.target === value;
      case 'Owner': return s.owner === value;
      case 'Status': return s.status === value;
      case 'SessionId': return s.sessionId === value;
      case 'AccessType': return value === 'Standard';
      default: return false;
    }
  });
}

export function describeSessions(input: { State: string; Filters?: Filter[]; MaxResults?: number; NextToken?: string }, ctx: RequestContext) {
  const filters = input.Filters ?? [];
  for (const f of filters) {
    if ((f.key === 'InvokedAfter' || f.key === 'InvokedBefore') && Number.isNaN(Date.parse(f.value))) {
      throw new AwsError('InvalidFilterKey', `The filter value ${f.value} is not a valid date for ${f.key}.`);
    }
  }
  let after: [number, string] | undefined;
  if (input.NextToken !== undefined) {
    const raw = decodeToken(input.NextToken);
    const cut = raw.indexOf('|');
    after = [Number(raw.slice(0, cut)), raw.slice(cut + 1)];
    if (cut < 0 || !Number.isFinite(after[0])) throw new AwsError('InvalidNextToken', 'The specified token is not valid.');
  }
  const limit = input.MaxResults ?? 20;
  const all = listSessions(ctx.platform.storage, ctx.accountId, ctx.region, input.State === 'Active', after).filter((s) => matches(s, filters));
  const page = all.slice(0, limit);
  const last = page[page.length - 1];
  return {
    Sessions: page.map(describe),
    NextToken: all.length > limit && last ? encodeToken(`${last.startDate}|${last.sessionId}`) : undefined,
  };
}

function describe(s: SessionRecord) {
  return {
    SessionId: s.sessionId, Target: s.target, Status: s.status, StartDate: new Date(s.startDate), EndDate: s.endDate !== undefined ? new Date(s.endDate) : undefined,
    DocumentName: s.documentName, Owner: s.owner, Reason: s.reason, AccessType: 'Standard', OutputUrl: s.outputUrl ? { S3OutputUrl: s.outputUrl } : {},
  };
}
