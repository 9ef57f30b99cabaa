// Health status in memory, per platform, for the DNS server's per-query questions. The probes'
// results are kept in route53_health_status; disabled and calculated checks are derived from
// configuration and their children whenever something changes.
import type { Platform } from '../../../core/platform';
import { allStatuses, listHealthChecks, type StatusRow } from './store';

export interface HealthRuntime {
  statuses: Map<string, StatusRow>;
  effective: Map<string, boolean>;
  abort: AbortController;
}

const runtimes = new WeakMap<Platform, HealthRuntime>();

export function runtimeOf(platform: Platform): HealthRuntime {
  let rt = runtimes.get(platform);
  if (!rt) {
    platform.service('route53');
    rt = runtimes.get(platform);
    if (!rt) rt = startRuntime(platform);
  }
  return rt;
}

/** A fresh runtime (at init, and after a full reset re-inits the plugin). */
export function startRuntime(platform: Platform): HealthRuntime {
  runtimes.get(platform)?.abort.abort();
  const rt: HealthRuntime = { statuses: new Map(allStatuses(platform.storage).map((s) => [s.id, s])), effective: new Map(), abort: new AbortController() };
  runtimes.set(platform, rt);
  platform.onClose(() => rt.abort.abort());
  recompute(platform, rt);
  return rt;
}

/** The status as the probes decided, with Disabled, Inverted and CALCULATED applied. Unknown ids are healthy. */
export function isHealthy(platform: Platform, id: string): boolean {
  return runtimeOf(platform).effective.get(id) ?? true;
}

/** Recomputes every check's effective status; returns whether any changed. */
export function recompute(platform: Platform, rt = runtimeOf(platform)): boolean {
  if (!platform.storage.db.open) return false;
  const checks = listHealthChecks(platform.storage);
  const next = new Map<string, boolean>();
  const probed = (id: string) => rt.statuses.get(id)?.healthy ?? true;
  for (const hc of checks) {
    const c = hc.config;
    if (c.Disabled) next.set(hc.id, !c.Inverted);
    else if (c.Type !== 'CALCULATED') next.set(hc.id, probed(hc.id));
  }
  for (const hc of checks) {
    const c = hc.config;
    if (c.Type !== 'CALCULATED' || c.Disabled) continue;
    const healthyChildren = (c.ChildHealthChecks ?? []).filter((child: string) => next.get(child) ?? true).length;
    next.set(hc.id, (healthyChildren >= (c.HealthThreshold ?? 0)) !== !!c.Inverted);
  }
  let changed = next.size !== rt.effective.size;
  for (const [id, v] of next) if (rt.effective.get(id) !== v) changed = true;
  rt.effective = next;
  return changed;
}
