// Health checks' rows: the configuration as the API shows it, and the status the probes decided.
import type { Row, Storage } from '../../../storage/database';
import type { RequestContext } from '../../types';

export interface HealthCheckRow { id: string; accountId: string; callerReference: string; config: Record<string, any>; version: number; createdAt: number }

function toRow(r: Row): HealthCheckRow {
  return { id: r.id, accountId: r.account_id, callerReference: r.caller_reference, config: JSON.parse(r.config), version: r.version, createdAt: r.created_at };
}

export function findHealthCheck(s: Storage, id: string): HealthCheckRow | undefined {
  const r = s.stmt('SELECT * FROM route53_health_checks WHERE id = ?').get(id) as Row | undefined;
  return r && toRow(r);
}

export function healthCheckExists(ctx: RequestContext, id: string): boolean {
  const hc = findHealthCheck(ctx.platform.storage, id);
  return !!hc && hc.accountId === ctx.accountId;
}

export function healthCheckByReference(s: Storage, accountId: string, ref: string): HealthCheckRow | undefined {
  const r = s.stmt('SELECT * FROM route53_health_checks WHERE account_id = ? AND caller_reference = ?').get(accountId, ref) as Row | undefined;
  return r && toRow(r);
}

export function insertHealthCheck(s: Storage, h: HealthCheckRow): void {
  s.stmt('INSERT INTO route53_health_checks (id, account_id, caller_reference, config, version, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(h.id, h.accountId, h.callerReference, JSON.stringify(h.config), h.version, h.createdAt);
}

export function updateHealthCheckRow(s: Storage, id: string, config: Record<string, any>, version: number): void {
  s.stmt('UPDATE route53_health_checks SET config = ?, version = ? WHERE id = ?').run(JSON.stringify(config), version, id);
}

export function deleteHealthCheckRow(s: Storage, id: string): void {
  s.stmt('DELETE FROM route53_health_checks WHERE id = ?').run(id);
  s.stmt('DELETE FROM route53_health_status WHERE id = ?').run(id);
  s.stmt("DELETE FROM route53_tags WHERE resource_type = 'healthcheck' AND resource_id = ?").run(id);
}

export function listHealthChecks(s: Storage, accountId?: string, after = '', limit = -1): HealthCheckRow[] {
  const rows = accountId === undefined
    ? s.stmt('SELECT * FROM route53_health_checks ORDER BY id').all()
    : s.stmt('SELECT * FROM route53_health_checks WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?').all(accountId, after, limit);
  return (rows as Row[]).map(toRow);
}

export function countHealthChecks(s: Storage, accountId: string): number {
  return (s.stmt('SELECT COUNT(*) AS n FROM route53_health_checks WHERE account_id = ?').get(accountId) as Row).n;
}

export interface StatusRow { id: string; healthy: boolean; streak: number; checkedAt: number | null; status: string | null; failureAt: number | null; failureReason: string | null }

export function allStatuses(s: Storage): StatusRow[] {
  return (s.stmt('SELECT * FROM route53_health_status').all() as Row[]).map((r) => ({ id: r.id, healthy: r.healthy === 1, streak: r.streak,
    checkedAt: r.checked_at, status: r.status, failureAt: r.failure_at, failureReason: r.failure_reason }));
}

export function saveStatus(s: Storage, st: StatusRow): void {
  s.stmt(`INSERT INTO route53_health_status (id, healthy, streak, checked_at, status, failure_at, failure_reason) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(id) DO UPDATE SET healthy = excluded.healthy, streak = excluded.streak, checked_at = excluded.checked_at,
          status = excluded.status, failure_at = excluded.failure_at, failure_reason = excluded.failure_reason`)
    .run(st.id, st.healthy ? 1 : 0, st.streak, st.checkedAt, st.status, st.failureAt, st.failureReason);
}
