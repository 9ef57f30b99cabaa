// The health checkers: each HTTP/HTTPS/TCP check is probed every RequestInterval on the platform
// clock. FailureThreshold consecutive results against the current status flip it. A moved clock
// catches up with at most FailureThreshold + 1 probes (the endpoint is only probed as it is now).
import type { Platform } from '../../../core/platform';
import { notifyZonesChanged } from '../api';
import { probe, type ProbeResult } from './probe';
import { recompute, runtimeOf, startRuntime } from './state';
import { findHealthCheck, listHealthChecks, saveStatus, type HealthCheckRow, type StatusRow } from './store';

const PROBED = new Set(['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP']);
const jobId = (id: string) => `route53:health-check:${id}`;

/** At plugin init: resume every check's probing one interval after its last probe. */
export function startHealthCheckers(platform: Platform): void {
  const rt = startRuntime(platform);
  const now = platform.clock.now();
  for (const hc of listHealthChecks(platform.storage)) {
    const last = rt.statuses.get(hc.id)?.checkedAt;
    scheduleProbe(platform, hc.id, last ? last + (hc.config.RequestInterval ?? 30) * 1000 - now : 0);
  }
  notifyZonesChanged(); // after a full reset the plugin starts again: the zones are gone
}

/** Probes the check delayMs from now on the clock, then every interval. Replaces a pending probe. */
export function scheduleProbe(platform: Platform, id: string, delayMs: number): void {
  platform.scheduler.once(jobId(id), delayMs, (at) => tick(platform, id, at.getTime()));
}

export function stopProbe(platform: Platform, id: string): void {
  platform.scheduler.cancel(jobId(id));
  runtimeOf(platform).statuses.delete(id);
}

/** After a request changed checks: derived statuses may change (call after commit). */
export function healthChanged(platform: Platform): void {
  setImmediate(() => {
    if (recompute(platform)) notifyZonesChanged();
  });
}

/** How long a tick waits for its probe: loopback answers well within it, so a moved clock sees
 * the results; a slow endpoint is recorded when it answers, without holding up the scheduler. */
const WAIT_MS = 250;
const inFlight = new WeakMap<Platform, Set<string>>();

async function tick(platform: Platform, id: string, at: number): Promise<void> {
  if (!platform.storage.db.open) return;
  const hc = findHealthCheck(platform.storage, id);
  if (!hc || !PROBED.has(hc.config.Type)) return;
  const interval = (hc.config.RequestInterval ?? 30) * 1000;
  const threshold = hc.config.FailureThreshold ?? 3;
  let busy = inFlight.get(platform);
  if (!busy) inFlight.set(platform, (busy = new Set()));
  if (!hc.config.Disabled && !busy.has(id)) {
    const rt = runtimeOf(platform);
    busy.add(id);
    const done = probe(platform, hc.config, rt.abort.signal)
      .then((result) => {
        if (!rt.abort.signal.aborted && platform.storage.db.open && findHealthCheck(platform.storage, id)) record(platform, hc, result, at);
      })
      .catch((err) => console.error(`kanri: health check ${id} probe failed: ${(err as Error).message}`))
      .finally(() => busy!.delete(id));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((resolve) => { timer = setTimeout(resolve, WAIT_MS); timer.unref(); })]);
    clearTimeout(timer);
  }
  if (!platform.storage.db.open || !findHealthCheck(platform.storage, id)) return;
  const now = platform.clock.now();
  const next = Math.max(at + interval, now - interval * threshold);
  scheduleProbe(platform, id, next - now);
}

function record(platform: Platform, hc: HealthCheckRow, result: ProbeResult, at: number): void {
  const rt = runtimeOf(platform);
  const threshold = hc.config.FailureThreshold ?? 3;
  const ok = result.ok !== !!hc.config.Inverted;
  const st: StatusRow = rt.statuses.get(hc.id) ?? { id: hc.id, healthy: true, streak: 0, checkedAt: null, status: null, failureAt: null, failureReason: null };
  let flipped = false;
  if (ok === st.healthy) st.streak = 0;
  else if (++st.streak >= threshold) {
    st.healthy = ok;
    st.streak = 0;
    flipped = true;
  }
  st.checkedAt = at;
  st.status = result.status;
  if (!result.ok) {
    st.failureAt = at;
    st.failureReason = result.status;
  }
  rt.statuses.set(hc.id, st);
  platform.storage.transaction(() => saveStatus(platform.storage, st));
  if (flipped && recompute(platform, rt)) notifyZonesChanged();
}
