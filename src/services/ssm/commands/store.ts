// Run Command: one row per command (what was asked, its concurrency and error limits, its
// aggregate status) and one per invocation (a target instance: where delivery and execution stand,
// each step's result). An invocation is released to its instance when concurrency allows and
// acked when the agent takes it; only released, unacked invocations are (re)delivered.
import type { Row, Storage } from '../../../storage/database';
import type { Scope } from '../store-parameters';

export const COMMAND_MIGRATIONS = [
  `CREATE TABLE ssm_commands (
     account_id TEXT NOT NULL, region TEXT NOT NULL, command_id TEXT NOT NULL, document_name TEXT NOT NULL, document_version TEXT,
     document_content TEXT NOT NULL, comment TEXT, parameters TEXT NOT NULL, targets TEXT NOT NULL, instance_ids TEXT NOT NULL,
     requested_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, status TEXT NOT NULL, status_details TEXT NOT NULL,
     output_bucket TEXT, output_prefix TEXT, output_region TEXT, max_concurrency TEXT NOT NULL, max_errors TEXT NOT NULL,
     service_role TEXT, notification TEXT, cloudwatch TEXT, timeout_seconds INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, command_id));
   CREATE TABLE ssm_invocations (
     account_id TEXT NOT NULL, region TEXT NOT NULL, command_id TEXT NOT NULL, instance_id TEXT NOT NULL, seq INTEGER NOT NULL,
     instance_name TEXT, status TEXT NOT NULL, status_details TEXT NOT NULL, released INTEGER NOT NULL DEFAULT 0, acked INTEGER NOT NULL DEFAULT 0,
     requested_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER, response_code INTEGER, plugins TEXT,
     PRIMARY KEY (account_id, region, command_id, instance_id));
   CREATE INDEX ssm_invocations_instance ON ssm_invocations (account_id, region, instance_id, released, acked);`,
];

export interface CommandRow {
  accountId: string; region: string; commandId: string; documentName: string; documentVersion: string | null; documentContent: string;
  comment: string | null; parameters: Record<string, string[]>; targets: { Key: string; Values: string[] }[]; instanceIds: string[];
  requestedAt: number; expiresAt: number; status: string; statusDetails: string; outputBucket: string | null; outputPrefix: string | null;
  outputRegion: string | null; maxConcurrency: string; maxErrors: string; serviceRole: string | null;
  notification: { NotificationArn?: string; NotificationEvents?: string[]; NotificationType?: string } | null;
  cloudwatch: { CloudWatchLogGroupName?: string; CloudWatchOutputEnabled?: boolean } | null; timeoutSeconds: number;
}

export interface PluginResult {
  Name: string; Status: string; StatusDetails: string; ResponseCode: number; ResponseStartDateTime?: number; ResponseFinishDateTime?: number;
  Output: string; StandardOutput: string; StandardError: string; OutputS3KeyPrefix?: string;
}

export interface InvocationRow {
  accountId: string; region: string; commandId: string; instanceId: string; seq: number; instanceName: string | null; status: string;
  statusDetails: string; released: boolean; acked: boolean; requestedAt: number; startedAt: number | null; endedAt: number | null;
  responseCode: number | null; plugins: PluginResult[];
}

const toCommand = (r: Row): CommandRow => ({
  accountId: r.account_id, region: r.region, commandId: r.command_id, documentName: r.document_name, documentVersion: r.document_version,
  documentContent: r.document_content, comment: r.comment, parameters: JSON.parse(r.parameters), targets: JSON.parse(r.targets),
  instanceIds: JSON.parse(r.instance_ids), requestedAt: r.requested_at, expiresAt: r.expires_at, status: r.status, statusDetails: r.status_details,
  outputBucket: r.output_bucket, outputPrefix: r.output_prefix, outputRegion: r.output_region, maxConcurrency: r.max_concurrency,
  maxErrors: r.max_errors, serviceRole: r.service_role, notification: r.notification ? JSON.parse(r.notification) : null,
  cloudwatch: r.cloudwatch ? JSON.parse(r.cloudwatch) : null, timeoutSeconds: r.timeout_seconds,
});

const toInvocation = (r: Row): InvocationRow => ({
  accountId: r.account_id, region: r.region, commandId: r.command_id, instanceId: r.instance_id, seq: r.seq, instanceName: r.instance_name,
  status: r.status, statusDetails: r.status_details, released: !!r.released, acked: !!r.acked, requestedAt: r.requested_at,
  startedAt: r.started_at, endedAt: r.ended_at, responseCode: r.response_code, plugins: r.plugins ? JSON.parse(r.plugins) : [],
});

export function insertCommand(storage: Storage, c: CommandRow): void {
  storage.stmt(`INSERT INTO ssm_commands (account_id, region, command_id, document_name, document_version, document_content, comment, parameters,
                  targets, instance_ids, requested_at, expires_at, status, status_details, output_bucket, output_prefix, output_region,
                  max_concurrency, max_errors, service_role, notification, cloudwatch, timeout_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(c.accountId, c.region, c.commandId, c.documentName, c.documentVersion, c.documentContent, c.comment, JSON.stringify(c.parameters),
      JSON.stringify(c.targets), JSON.stringify(c.instanceIds), c.requestedAt, c.expiresAt, c.status, c.statusDetails, c.outputBucket,
      c.outputPrefix, c.outputRegion, c.maxConcurrency, c.maxErrors, c.serviceRole, c.notification ? JSON.stringify(c.notification) : null,
      c.cloudwatch ? JSON.stringify(c.cloudwatch) : null, c.timeoutSeconds);
}

export function findCommand(storage: Storage, s: Scope, commandId: string): CommandRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_commands WHERE account_id = ? AND region = ? AND command_id = ?').get(s.accountId, s.region, commandId) as Row | undefined;
  return r && toCommand(r);
}

export function listCommandRows(storage: Storage, s: Scope): CommandRow[] {
  return (storage.stmt('SELECT * FROM ssm_commands WHERE account_id = ? AND region = ? ORDER BY requested_at DESC, command_id')
    .all(s.accountId, s.region) as Row[]).map(toCommand);
}

/** Commands not finished yet, in every account: their timers are restored at start-up. */
export function openCommands(storage: Storage): CommandRow[] {
  return (storage.stmt("SELECT * FROM ssm_commands WHERE status IN ('Pending', 'InProgress', 'Cancelling')").all() as Row[]).map(toCommand);
}

export function setCommandStatus(storage: Storage, c: CommandRow, status: string, details: string): void {
  storage.stmt('UPDATE ssm_commands SET status = ?, status_details = ? WHERE account_id = ? AND region = ? AND command_id = ?')
    .run(status, details, c.accountId, c.region, c.commandId);
}

export function insertInvocation(storage: Storage, i: InvocationRow): void {
  storage.stmt(`INSERT INTO ssm_invocations (account_id, region, command_id, instance_id, seq, instance_name, status, status_details, released, acked, requested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`)
    .run(i.accountId, i.region, i.commandId, i.instanceId, i.seq, i.instanceName, i.status, i.statusDetails, i.requestedAt);
}

export function invocationsOf(storage: Storage, c: { accountId: string; region: string; commandId: string }): InvocationRow[] {
  return (storage.stmt('SELECT * FROM ssm_invocations WHERE account_id = ? AND region = ? AND command_id = ? ORDER BY seq')
    .all(c.accountId, c.region, c.commandId) as Row[]).map(toInvocation);
}

export function findInvocation(storage: Storage, s: Scope, commandId: string, instanceId: string): InvocationRow | undefined {
  const r = storage.stmt('SELECT * FROM ssm_invocations WHERE account_id = ? AND region = ? AND command_id = ? AND instance_id = ?')
    .get(s.accountId, s.region, commandId, instanceId) as Row | undefined;
  return r && toInvocation(r);
}

export function invocationsOfInstance(storage: Storage, s: Scope, instanceId: string): InvocationRow[] {
  return (storage.stmt('SELECT * FROM ssm_invocations WHERE account_id = ? AND region = ? AND instance_id = ? ORDER BY requested_at DESC, command_id')
    .all(s.accountId, s.region, instanceId) as Row[]).map(toInvocation);
}

/** What an instance's agent should be handed: released and not yet taken. */
export function deliverable(storage: Storage, s: Scope, instanceId: string): InvocationRow[] {
  return (storage.stmt(`SELECT * FROM ssm_invocations WHERE account_id = ? AND region = ? AND instance_id = ? AND released = 1
                          AND (acked = 0 OR status = 'Cancelling') ORDER BY requested_at, command_id`)
    .all(s.accountId, s.region, instanceId) as Row[]).map(toInvocation);
}

export function saveInvocation(storage: Storage, i: InvocationRow): void {
  storage.stmt(`UPDATE ssm_invocations SET status = ?, status_details = ?, released = ?, acked = ?, started_at = ?, ended_at = ?, response_code = ?, plugins = ?
                WHERE account_id = ? AND region = ? AND command_id = ? AND instance_id = ?`)
    .run(i.status, i.statusDetails, i.released ? 1 : 0, i.acked ? 1 : 0, i.startedAt, i.endedAt, i.responseCode, JSON.stringify(i.plugins),
      i.accountId, i.region, i.commandId, i.instanceId);
}
