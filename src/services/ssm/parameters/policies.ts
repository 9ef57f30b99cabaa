// Parameter policies (Advanced tier): Expiration deletes the parameter at its timestamp,
// ExpirationNotification and NoChangeNotification put "Parameter Store Policy Action" events.
// Each parameter with pending policies has one job on the platform scheduler, armed for its
// earliest due policy and re-armed from the table at start-up.
import type { Platform } from '../../../core/platform';
import { incompatiblePolicy, policiesLimit, policyAttributeInvalid, policyTypeInvalid } from '../errors';
import { deleteParameterRows, addToTierCount, findParameter, parametersWithPolicies, setPolicies, type ParameterRow, type Scope } from '../store-parameters';
import { parameterChanged, policyActed } from './events';

const TYPES = ['Expiration', 'ExpirationNotification', 'NoChangeNotification'];
const MAX_POLICIES = 10;
const UNIT_MS: Record<string, number> = { Days: 86_400_000, Hours: 3_600_000 };

export interface StoredPolicy { text: string; type: string; status: 'Pending' | 'Finished'; attributes: Record<string, string> }

function attributeError(message: string) {
  return policyAttributeInvalid(message);
}

/** Parses and checks a Policies string: a JSON array of {Type, Version, Attributes}. */
export function parsePolicies(text: string, now: number): StoredPolicy[] {
  let list: unknown;
  try { list = JSON.parse(text); } catch { throw attributeError('A policy attribute or its value is invalid. The policies must be a JSON array of policy objects.'); }
  if (!Array.isArray(list)) throw attributeError('A policy attribute or its value is invalid. The policies must be a JSON array of policy objects.');
  if (list.length > MAX_POLICIES) throw policiesLimit();
  const seen = new Set<string>();
  const out: StoredPolicy[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw attributeError('A policy attribute or its value is invalid.');
    const p = item as { Type?: unknown; Version?: unknown; Attributes?: unknown };
    if (typeof p.Type !== 'string' || !TYPES.includes(p.Type)) throw policyTypeInvalid();
    if (p.Version !== undefined && p.Version !== '1.0') throw attributeError(`A policy attribute or its value is invalid. Version ${String(p.Version)} is not supported; use 1.0.`);
    if (seen.has(p.Type)) throw incompatiblePolicy(`A parameter can have only one ${p.Type} policy.`);
    seen.add(p.Type);
    const attrs = (p.Attributes && typeof p.Attributes === 'object' && !Array.isArray(p.Attributes) ? p.Attributes : {}) as Record<string, unknown>;
    const attributes: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(attrs)) attributes[k] = String(v);
    checkAttributes(p.Type, attributes, now);
    out.push({ text: JSON.stringify(item), type: p.Type, status: 'Pending', attributes });
  }
  if (seen.has('ExpirationNotification') && !seen.has('Expiration')) {
    throw incompatiblePolicy('An ExpirationNotification policy needs an Expiration policy on the same parameter.');
  }
  return out;
}

function checkAttributes(type: string, a: Record<string, string>, now: number): void {
  if (type === 'Expiration') {
    const at = Date.parse(a.Timestamp ?? '');
    if (!a.Timestamp || Number.isNaN(at)) throw attributeError('A policy attribute or its value is invalid. Expiration needs a Timestamp in ISO 8601 format, such as 2030-12-02T21:34:33.000Z.');
    if (at <= now) throw attributeError('A policy attribute or its value is invalid. The Expiration Timestamp must be in the future.');
    return;
  }
  const amount = type === 'ExpirationNotification' ? a.Before : a.After;
  const member = type === 'ExpirationNotification' ? 'Before' : 'After';
  if (!amount || !/^\d+$/.test(amount) || Number(amount) < 1) throw attributeError(`A policy attribute or its value is invalid. ${type} needs ${member} as a positive whole number.`);
  if (!Object.hasOwn(UNIT_MS, a.Unit ?? '')) throw attributeError(`A policy attribute or its value is invalid. ${type} needs Unit Days or Hours.`);
}

/** When a policy acts, given the parameter's last change. */
export function dueAt(p: StoredPolicy, policies: StoredPolicy[], modifiedAt: number): number | undefined {
  const expiration = policies.find((x) => x.type === 'Expiration');
  const expiresAt = expiration ? Date.parse(expiration.attributes.Timestamp) : undefined;
  if (p.type === 'Expiration') return expiresAt;
  if (p.type === 'ExpirationNotification') return expiresAt === undefined ? undefined : expiresAt - Number(p.attributes.Before) * UNIT_MS[p.attributes.Unit];
  return modifiedAt + Number(p.attributes.After) * UNIT_MS[p.attributes.Unit];
}

/** A parameter changed: NoChangeNotification starts again; the earliest pending due time. */
export function afterChange(policies: StoredPolicy[], modifiedAt: number, now: number): { policies: StoredPolicy[]; due: number | null } {
  const next = policies.map((p) => {
    if (p.type === 'NoChangeNotification') return { ...p, status: 'Pending' as const };
    const due = dueAt(p, policies, modifiedAt);
    return p.status === 'Finished' && due !== undefined && due <= now ? p : { ...p, status: 'Pending' as const };
  });
  return { policies: next, due: earliestDue(next, modifiedAt) };
}

function earliestDue(policies: StoredPolicy[], modifiedAt: number): number | null {
  let due: number | null = null;
  for (const p of policies) {
    if (p.status !== 'Pending') continue;
    const at = dueAt(p, policies, modifiedAt);
    if (at !== undefined && (due === null || at < due)) due = at;
  }
  return due;
}

/** The ParameterInlinePolicy list DescribeParameters and GetParameterHistory show. */
export function inlinePolicies(text: string | null): { PolicyText: string; PolicyType: string; PolicyStatus: string }[] | undefined {
  if (!text) return undefined;
  return (JSON.parse(text) as StoredPolicy[]).map((p) => ({ PolicyText: p.text, PolicyType: p.type, PolicyStatus: p.status }));
}

const jobId = (s: Scope, key: string) => `ssm:policy:${s.accountId}:${s.region}:${key}`;

export function armPolicyTimer(platform: Platform, s: Scope, key: string, due: number | null): void {
  if (due === null) {
    platform.scheduler.cancel(jobId(s, key));
    return;
  }
  const scope = { accountId: s.accountId, region: s.region };
  platform.scheduler.once(jobId(s, key), Math.max(0, due - platform.clock.now()), (at) => runDuePolicies(platform, scope, key, at));
}

export function cancelPolicyTimer(platform: Platform, s: Scope, key: string): void {
  platform.scheduler.cancel(jobId(s, key));
}

function reasonFor(p: StoredPolicy, row: ParameterRow, policies: StoredPolicy[]): string {
  const expiration = policies.find((x) => x.type === 'Expiration');
  if (p.type === 'Expiration') return `Parameter ${row.displayName} has been deleted by the Expiration policy (${expiration!.attributes.Timestamp}).`;
  if (p.type === 'ExpirationNotification') {
    return `Parameter ${row.displayName} will expire at ${expiration!.attributes.Timestamp}, in ${p.attributes.Before} ${p.attributes.Unit.toLowerCase()}.`;
  }
  return `Parameter ${row.displayName} has not been changed for ${p.attributes.After} ${p.attributes.Unit.toLowerCase()}.`;
}

/** Fires every policy of the parameter that came due, in its own transaction. */
function runDuePolicies(platform: Platform, s: Scope, key: string, at: Date): void {
  if (!platform.storage.db.open) return;
  platform.storage.transaction(() => {
    const row = findParameter(platform.storage, s, key);
    if (!row?.policies) return;
    const now = Math.max(at.getTime(), platform.clock.now());
    const policies = JSON.parse(row.policies) as StoredPolicy[];
    const ref = { ...s, displayName: row.displayName, type: row.type, description: row.description };
    const time = new Date(now);
    // Notifications first, so an ExpirationNotification that is due together with its Expiration still goes out.
    const order = [...policies].sort((a, b) => (a.type === 'Expiration' ? 1 : 0) - (b.type === 'Expiration' ? 1 : 0));
    for (const p of order) {
      const due = dueAt(p, policies, row.modifiedAt);
      if (p.status !== 'Pending' || due === undefined || due > now) continue;
      policyActed(platform, ref, p.type, p.text, reasonFor(p, row, policies), time);
      p.status = 'Finished';
      if (p.type === 'Expiration') {
        deleteParameterRows(platform.storage, s, key);
        addToTierCount(platform.storage, s, row.tier, -1);
        parameterChanged(platform, ref, 'Delete', time);
        platform.scheduler.cancel(jobId(s, key));
        return;
      }
    }
    const due = earliestDue(policies, row.modifiedAt);
    setPolicies(platform.storage, s, key, JSON.stringify(policies), due);
    armPolicyTimer(platform, s, key, due);
  });
}

/** At start-up: every parameter with a pending policy gets its job back. */
export function restorePolicyTimers(platform: Platform): void {
  for (const row of parametersWithPolicies(platform.storage)) armPolicyTimer(platform, row, row.name, row.policyDue);
}
