// Scheduled rules on the platform clock. Each due time fires once: the rule's last firing is
// written with the queued deliveries in one transaction, so a restart resumes after it and
// neither repeats nor skips a due time.
import { parseCron } from '../../core/cron';
import type { Platform } from '../../core/platform';
import { scheduleNext } from '../../core/scheduler';
import { validation } from './errors';
import { ruleArn, scopeOf } from './names';
import { buildEvent, queueForRule } from './routing';
import { drainDeliveries } from './delivery';
import { findRule, saveRule, scheduledRules, type RuleRow } from './store';

/** AWS's rules: rate(1 minute) but rate(5 minutes); cron(...) with its six fields. */
export function checkScheduleExpression(expression: string): void {
  const bad = () => validation('Parameter ScheduleExpression is not valid.');
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1 || (n === 1) !== !rate[2].endsWith('s') || n > 1_000_000) throw bad();
    return;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) throw bad();
  try {
    parseCron(cron[1]);
  } catch {
    throw bad();
  }
}

type RuleRef = Pick<RuleRow, 'accountId' | 'region' | 'bus' | 'name'>;

const jobId = (r: RuleRef) => `events:rule:${r.accountId}:${r.region}:${r.bus}:${r.name}`;

/** Arms (or disarms) a rule's job to match its row: only enabled rules with a schedule run. */
export function armSchedule(platform: Platform, rule: RuleRow): void {
  const id = jobId(rule);
  if (!rule.schedule || rule.state === 'DISABLED') {
    platform.scheduler.cancel(id);
    return;
  }
  const ref: RuleRef = { accountId: rule.accountId, region: rule.region, bus: rule.bus, name: rule.name };
  const schedule = rule.schedule;
  const from = rule.lastFired ?? rule.createdAt;
  if (scheduleNext(schedule, from) === undefined) return;
  platform.scheduler.every(id, schedule, (at) => fire(platform, ref, schedule, at), from);
}

async function fire(platform: Platform, ref: RuleRef, schedule: string, at: Date): Promise<void> {
  if (!platform.storage.db.open) return;
  const fired = platform.storage.transaction(() => {
    const rule = findRule(platform.storage, ref.accountId, ref.region, ref.bus, ref.name);
    if (!rule || rule.schedule !== schedule || rule.state === 'DISABLED') {
      if (!rule || rule.schedule !== schedule) platform.scheduler.cancel(jobId(ref));
      return false;
    }
    if (rule.lastFired !== null && at.getTime() <= rule.lastFired) return false; // fired before a restart
    saveRule(platform.storage, { ...rule, lastFired: at.getTime() });
    const scope = { ...scopeOf(platform, rule.accountId, rule.region), now: at };
    const event = buildEvent(scope, {
      source: 'aws.events', detailType: 'Scheduled Event', detail: {}, resources: [ruleArn(rule, rule.bus, rule.name)], time: at,
    });
    queueForRule(scope, rule, event, 0);
    return true;
  });
  if (fired) await drainDeliveries(platform);
}

/** At start-up: every scheduled rule's job comes back from the table. */
export function restoreSchedules(platform: Platform): void {
  for (const rule of scheduledRules(platform.storage)) armSchedule(platform, rule);
}
