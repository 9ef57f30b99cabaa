// Session Manager sessions: one row per session, with the token its client connects with.
import type { Row, Storage } from '../../../storage/database';

export const SESSION_MIGRATIONS = [
  `CREATE TABLE ssm_sessions (
     account_id TEXT NOT NULL, region TEXT NOT NULL, session_id TEXT NOT NULL, target TEXT NOT NULL,
     document_name TEXT NOT NULL, status TEXT NOT NULL, start_date INTEGER NOT NULL, end_date INTEGER,
     owner TEXT NOT NULL, reason TEXT, parameters TEXT NOT NULL, document TEXT NOT NULL, token TEXT NOT NULL, output_url TEXT,
     PRIMARY KEY (account_id, region, session_id));
   CREATE INDEX ssm_sessions_token ON ssm_sessions (token);`,
];

export const ACTIVE_STATUSES = ['Connected', 'Connecting', 'Disconnected', 'Terminating'];

export interface SessionRecord {
  accountId: string; region: string; sessionId: string; target: string; documentName: string; status: string;
  startDate: number; endDate?: number; owner: string; reason?: string;
  /** The parameters as StartSession got them (document defaults filled in). */
  parameters: Record<string, string[]>;
  /** The session document's content (JSON), handed to the agent. */
  document: string;
  token: string;
  /** Where the transcript goes (the preferences' s3BucketName), as DescribeSessions shows it. */
  outputUrl?: string;
}

function fromRow(r: Row): SessionRecord {
  return {
    accountId: r.account_id, region: r.region, sessionId: r.session_id, target: r.target, documentName: r.document_name, status: r.status,
    startDate: r.start_date, endDate: r.end_date ?? undefined, owner: r.owner, reason: r.reason ?? undefined,
    parameters: JSON.parse(r.parameters), document: r.document, token: r.token, outputUrl: r.output_url ?? undefined,
  };
}

export function insertSession(storage: Storage, s: SessionRecord): void {
  storage.stmt(`INSERT INTO ssm_sessions (account_id, region, session_id, target, document_name, status, start_date, end_date, owner, reason, parameters, document, token, output_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(s.accountId, s.region, s.sessionId, s.target, s.documentName, s.status, s.startDate, s.endDate ?? null, s.owner, s.reason ?? null,
      JSON.stringify(s.parameters), s.document, s.token, s.outputUrl ?? null);
}

export function findSession(storage: Storage, accountId: string, region: string, sessionId: string): SessionRecord | undefined {
  const r = storage.stmt('SELECT * FROM ssm_sessions WHERE account_id = ? AND region = ? AND session_id = ?').get(accountId, region, sessionId) as Row | undefined;
  return r && fromRow(r);
}

export function sessionByToken(storage: Storage, token: string): SessionRecord | undefined {
  const r = storage.stmt('SELECT * FROM ssm_sessions WHERE token = ?').get(token) as Row | undefined;
  return r && fromRow(r);
}

/** Moves a session to a status; an ended one (Terminated, Failed) keeps its end. */
export function setSessionStatus(storage: Storage, s: Pick<SessionRecord, 'accountId' | 'region' | 'sessionId'>, status: string, now: number): void {
  const ended = status === 'Terminated' || status === 'Failed';
  storage.stmt(`UPDATE ssm_sessions SET status = ?, end_date = CASE WHEN ? THEN COALESCE(end_date, ?) ELSE end_date END
                WHERE account_id = ? AND region = ? AND session_id = ? AND status NOT IN ('Terminated', 'Failed')`)
    .run(status, ended ? 1 : 0, now, s.accountId, s.region, s.sessionId);
}

export function setSessionToken(storage: Storage, s: SessionRecord, token: string): void {
  storage.stmt('UPDATE ssm_sessions SET token = ? WHERE account_id = ? AND region = ? AND session_id = ?').run(token, s.accountId, s.region, s.sessionId);
}

/** Sessions in a state, newest first, after a (start_date, session_id) position. */
export function listSessions(storage: Storage, accountId: string, region: string, active: boolean, after: [number, string] | undefined): SessionRecord[] {
  const statuses = active ? ACTIVE_STATUSES : ['Terminated', 'Failed'];
  const marks = statuses.map(() => '?').join(', ');
  const rows = after
    ? storage.stmt(`SELECT * FROM ssm_sessions WHERE account_id = ? AND region = ? AND status IN (${marks})
                    AND (start_date < ? OR (start_date = ? AND session_id < ?)) ORDER BY start_date DESC, session_id DESC`)
      .all(accountId, region, ...statuses, after[0], after[0], after[1])
    : storage.stmt(`SELECT * FROM ssm_sessions WHERE account_id = ? AND region = ? AND status IN (${marks}) ORDER BY start_date DESC, session_id DESC`)
      .all(accountId, region, ...statuses);
  return (rows as Row[]).map(fromRow);
}

/** Every session not yet ended (after a restart no channel is live, so they become Disconnected). */
export function openSessions(storage: Storage): SessionRecord[] {
  return (storage.stmt(`SELECT * FROM ssm_sessions WHERE status IN ('Connected', 'Connecting', 'Disconnected', 'Terminating')`).all() as Row[]).map(fromRow);
}
