// Config's tables: recorders, delivery channels and their status, tags on Config resources, and the
// subscriber's own "last outbox seq applied" (written in the same transaction as the items it made).
// Items and relationships live in store-items.ts.
import type { Row, Storage } from '../../storage/database';
import { AwsError } from '../../protocol/errors';

export const CONFIG_MIGRATIONS = [
  `CREATE TABLE config_recorders (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL, role_arn TEXT,
     recording_group_json TEXT NOT NULL, recording_mode_json TEXT NOT NULL, service_principal TEXT, recording_scope TEXT NOT NULL,
     recording INTEGER NOT NULL DEFAULT 0, start_seq INTEGER, stop_seq INTEGER,
     last_start_ms INTEGER, last_stop_ms INTEGER, last_status TEXT NOT NULL DEFAULT 'Pending', last_status_change_ms INTEGER,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE config_channels (
     account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, bucket TEXT NOT NULL, key_prefix TEXT, kms_key_arn TEXT,
     topic_arn TEXT, frequency TEXT, status_json TEXT NOT NULL DEFAULT '{}', last_history_ms INTEGER, last_snapshot_ms INTEGER,
     PRIMARY KEY (account_id, region, name));
   CREATE TABLE config_tags (arn TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (arn, key)) WITHOUT ROWID;
   CREATE TABLE config_applied (subscriber TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);
   CREATE TABLE config_items (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, state_id INTEGER NOT NULL,
     capture_ms INTEGER NOT NULL, status TEXT NOT NULL, item_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_type, resource_id, state_id)) WITHOUT ROWID;
   CREATE INDEX config_items_by_time ON config_items (account_id, region, capture_ms, resource_type);
   CREATE TABLE config_current (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, resource_name TEXT,
     state_id INTEGER NOT NULL, status TEXT NOT NULL, deleted INTEGER NOT NULL, deletion_ms INTEGER, created_time TEXT,
     item_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_type, resource_id)) WITHOUT ROWID;
   CREATE INDEX config_current_by_id ON config_current (account_id, region, resource_id);
   CREATE INDEX config_current_by_name ON config_current (account_id, region, resource_type, resource_name);
   CREATE TABLE config_relations (
     account_id TEXT NOT NULL, region TEXT NOT NULL, src_type TEXT NOT NULL, src_id TEXT NOT NULL,
     dst_type TEXT NOT NULL, dst_id TEXT NOT NULL, name TEXT NOT NULL,
     PRIMARY KEY (account_id, region, src_type, src_id, dst_type, dst_id, name)) WITHOUT ROWID;
   CREATE INDEX config_relations_by_dst ON config_relations (account_id, region, dst_type, dst_id);
   CREATE TABLE config_daily_pending (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, change_json TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_type, resource_id)) WITHOUT ROWID;`,
];

export interface Scope { accountId: string; region: string }

export interface RecorderRow {
  accountId: string; region: string; name: string; arn: string; roleArn?: string;
  recordingGroup: Record<string, any>; recordingMode: Record<string, any>; servicePrincipal?: string; recordingScope: string;
  recording: boolean; startSeq?: number; stopSeq?: number; lastStartMs?: number; lastStopMs?: number; lastStatus: string; lastStatusChangeMs?: number;
}

function toRecorder(r: Row): RecorderRow {
  return {
    accountId: r.account_id, region: r.region, name: r.name, arn: r.arn, roleArn: r.role_arn ?? undefined,
    recordingGroup: JSON.parse(r.recording_group_json), recordingMode: JSON.parse(r.recording_mode_json),
    servicePrincipal: r.service_principal ?? undefined, recordingScope: r.recording_scope, recording: !!r.recording,
    startSeq: r.start_seq ?? undefined, stopSeq: r.stop_seq ?? undefined, lastStartMs: r.last_start_ms ?? undefined,
    lastStopMs: r.last_stop_ms ?? undefined, lastStatus: r.last_status, lastStatusChangeMs: r.last_status_change_ms ?? undefined,
  };
}

export function listRecorders(s: Storage, scope: Scope): RecorderRow[] {
  return (s.stmt('SELECT * FROM config_recorders WHERE account_id = ? AND region = ? ORDER BY name').all(scope.accountId, scope.region) as Row[]).map(toRecorder);
}

/** Every recorder of an account, in every region (global IAM changes go to each that takes them). */
export function accountRecorders(s: Storage, accountId: string): RecorderRow[] {
  return (s.stmt('SELECT * FROM config_recorders WHERE account_id = ?').all(accountId) as Row[]).map(toRecorder);
}

export function allRecorders(s: Storage): RecorderRow[] {
  return (s.stmt('SELECT * FROM config_recorders').all() as Row[]).map(toRecorder);
}

export function saveRecorder(s: Storage, r: RecorderRow): void {
  s.stmt(`INSERT INTO config_recorders (account_id, region, name, arn, role_arn, recording_group_json, recording_mode_json, service_principal, recording_scope,
            recording, start_seq, stop_seq, last_start_ms, last_stop_ms, last_status, last_status_change_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET role_arn = excluded.role_arn, recording_group_json = excluded.recording_group_json,
            recording_mode_json = excluded.recording_mode_json, recording = excluded.recording, start_seq = excluded.start_seq,
            stop_seq = excluded.stop_seq, last_start_ms = excluded.last_start_ms, last_stop_ms = excluded.last_stop_ms,
            last_status = excluded.last_status, last_status_change_ms = excluded.last_status_change_ms`)
    .run(r.accountId, r.region, r.name, r.arn, r.roleArn ?? null, JSON.stringify(r.recordingGroup), JSON.stringify(r.recordingMode),
      r.servicePrincipal ?? null, r.recordingScope, r.recording ? 1 : 0, r.startSeq ?? null, r.stopSeq ?? null, r.lastStartMs ?? null,
      r.lastStopMs ?? null, r.lastStatus, r.lastStatusChangeMs ?? null);
}

export function deleteRecorder(s: Storage, scope: Scope, name: string): void {
  s.stmt('DELETE FROM config_recorders WHERE account_id = ? AND region = ? AND name = ?').run(scope.accountId, scope.region, name);
}

export interface ChannelRow {
  accountId: string; region: string; name: string; bucket: string; keyPrefix?: string; kmsKeyArn?: string; topicArn?: string;
  frequency?: string; status: Record<string, any>; lastHistoryMs?: number; lastSnapshotMs?: number;
}

function toChannel(r: Row): ChannelRow {
  return {
    accountId: r.account_id, region: r.region, name: r.name, bucket: r.bucket, keyPrefix: r.key_prefix ?? undefined,
    kmsKeyArn: r.kms_key_arn ?? undefined, topicArn: r.topic_arn ?? undefined, frequency: r.frequency ?? undefined,
    status: JSON.parse(r.status_json), lastHistoryMs: r.last_history_ms ?? undefined, lastSnapshotMs: r.last_snapshot_ms ?? undefined,
  };
}

export function listChannels(s: Storage, scope: Scope): ChannelRow[] {
  return (s.stmt('SELECT * FROM config_channels WHERE account_id = ? AND region = ? ORDER BY name').all(scope.accountId, scope.region) as Row[]).map(toChannel);
}

export function allChannels(s: Storage): ChannelRow[] {
  return (s.stmt('SELECT * FROM config_channels').all() as Row[]).map(toChannel);
}

export function saveChannel(s: Storage, c: ChannelRow): void {
  s.stmt(`INSERT INTO config_channels (account_id, region, name, bucket, key_prefix, kms_key_arn, topic_arn, frequency, status_json, last_history_ms, last_snapshot_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT DO UPDATE SET bucket = excluded.bucket, key_prefix = excluded.key_prefix, kms_key_arn = excluded.kms_key_arn,
            topic_arn = excluded.topic_arn, frequency = excluded.frequency, status_json = excluded.status_json,
            last_history_ms = excluded.last_history_ms, last_snapshot_ms = excluded.last_snapshot_ms`)
    .run(c.accountId, c.region, c.name, c.bucket, c.keyPrefix ?? null, c.kmsKeyArn ?? null, c.topicArn ?? null, c.frequency ?? null,
      JSON.stringify(c.status), c.lastHistoryMs ?? null, c.lastSnapshotMs ?? null);
}

export function deleteChannel(s: Storage, scope: Scope, name: string): void {
  s.stmt('DELETE FROM config_channels WHERE account_id = ? AND region = ? AND name = ?').run(scope.accountId, scope.region, name);
}

/** Merges one delivery kind's status (configStreamDeliveryInfo, ...) into the channel's status. */
export function updateChannelStatus(s: Storage, scope: Scope, name: string, kind: string, info: Record<string, unknown>): void {
  const row = s.stmt('SELECT status_json FROM config_channels WHERE account_id = ? AND region = ? AND name = ?').get(scope.accountId, scope.region, name) as Row | undefined;
  if (!row) return;
  const status = JSON.parse(row.status_json);
  status[kind] = { ...status[kind], ...info };
  s.stmt('UPDATE config_channels SET status_json = ? WHERE account_id = ? AND region = ? AND name = ?').run(JSON.stringify(status), scope.accountId, scope.region, name);
}

export function lastApplied(s: Storage, subscriber: string): number {
  return (s.stmt('SELECT last_seq FROM config_applied WHERE subscriber = ?').get(subscriber) as Row | undefined)?.last_seq ?? 0;
}

export function markApplied(s: Storage, subscriber: string, seq: number): void {
  s.stmt('INSERT INTO config_applied (subscriber, last_seq) VALUES (?, ?) ON CONFLICT DO UPDATE SET last_seq = excluded.last_seq').run(subscriber, seq);
}

export function tagsOfArn(s: Storage, arn: string): { Key: string; Value: string }[] {
  return (s.stmt('SELECT key, value FROM config_tags WHERE arn = ? ORDER BY key').all(arn) as Row[]).map((r) => ({ Key: r.key, Value: r.value }));
}

export function putTags(s: Storage, arn: string, tags: { Key?: string; Value?: string }[]): void {
  if (tags.some((t) => !t.Key)) throw new AwsError('ValidationException', '1 validation error detected: Value null at \'tags.member.key\' failed to satisfy constraint: Member must not be null');
  for (const t of tags) s.stmt('INSERT OR REPLACE INTO config_tags (arn, key, value) VALUES (?, ?, ?)').run(arn, t.Key!, t.Value ?? '');
}

export function removeTags(s: Storage, arn: string, keys?: string[]): void {
  if (!keys) s.stmt('DELETE FROM config_tags WHERE arn = ?').run(arn);
  else for (const k of keys) s.stmt('DELETE FROM config_tags WHERE arn = ? AND key = ?').run(arn, k);
}
