// How a command moves: invocations are released to their instances as MaxConcurrency allows and
// stopped once errors pass MaxErrors; the delivery timeout (TimeoutSeconds) and the execution
// timeout run on the platform clock; the command's status follows its invocations'.
import type { Platform } from '../../../core/platform';
import { announceCommand, announceInvocation } from './notify';
import {
  findCommand, invocationsOf, openCommands, saveInvocation, setCommandStatus, type CommandRow, type InvocationRow,
} from './store';

export const TERMINAL = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);
/** Details that count against MaxErrors, as AWS counts them. */
const ERRORS = new Set(['Failed', 'ExecutionTimedOut']);

/** "10" or "10%" of total; a concurrency is at least 1. */
export function limitOf(spec: string, total: number, atLeastOne: boolean): number {
  const n = spec.endsWith('%') ? Math.floor((Number(spec.slice(0, -1)) * total) / 100) : Number(spec);
  return atLeastOne ? Math.max(1, n) : n;
}

export function counts(invocations: InvocationRow[]) {
  let completed = 0; let errors = 0; let deliveryTimedOut = 0;
  for (const i of invocations) {
    if (TERMINAL.has(i.status)) completed++;
    if (ERRORS.has(i.statusDetails)) errors++;
    if (i.statusDetails === 'DeliveryTimedOut') deliveryTimedOut++;
  }
  return { TargetCount: invocations.length, CompletedCount: completed, ErrorCount: errors, DeliveryTimedOutCount: deliveryTimedOut };
}

/** Releases what concurrency allows, stops the rest past MaxErrors, and settles the command's status. */
export function advance(platform: Platform, command: CommandRow): void {
  if (TERMINAL.has(command.status)) return;
  const invocations = invocationsOf(platform.storage, command);
  const c = counts(invocations);
  const now = platform.clock.now();
  const tooManyErrors = c.ErrorCount > limitOf(command.maxErrors, invocations.length, false);
  let inFlight = invocations.filter((i) => i.released && !TERMINAL.has(i.status)).length;
  const concurrency = limitOf(command.maxConcurrency, invocations.length, true);
  for (const i of invocations) {
    if (i.released || TERMINAL.has(i.status)) continue;
    if (tooManyErrors || command.status === 'Cancelling') {
      finish(platform, command, i, 'Cancelled', 'Cancelled', now, false);
    } else if (inFlight < concurrency) {
      i.released = true;
      saveInvocation(platform.storage, i);
      inFlight++;
    }
  }
  settle(platform, command, invocationsOf(platform.storage, command), tooManyErrors);
}

function settle(platform: Platform, command: CommandRow, invocations: InvocationRow[], tooManyErrors: boolean): void {
  const before = command.status;
  const c = counts(invocations);
  let status = command.status === 'Cancelling' ? 'Cancelling' : invocations.some((i) => i.acked || TERMINAL.has(i.status)) ? 'InProgress' : 'Pending';
  let details = status;
  if (c.CompletedCount === invocations.length) {
    const all = (d: string) => invocations.every((i) => i.statusDetails === d);
    if (all('Success')) [status, details] = ['Success', 'Success'];
    else if (command.status === 'Cancelling' || all('Cancelled')) [status, details] = ['Cancelled', 'Cancelled'];
    else if (tooManyErrors) [status, details] = ['Failed', 'Failed'];
    else if (all('DeliveryTimedOut')) [status, details] = ['TimedOut', 'DeliveryTimedOut'];
    else if (invocations.some((i) => i.statusDetails === 'ExecutionTimedOut') && invocations.every((i) => ['Success', 'ExecutionTimedOut'].includes(i.statusDetails))) {
      [status, details] = ['TimedOut', 'ExecutionTimedOut'];
    } else [status, details] = ['Failed', 'Incomplete'];
  }
  if (status === before && details === command.statusDetails) return;
  setCommandStatus(platform.storage, command, status, details);
  command.status = status;
  command.statusDetails = details;
  announceCommand(platform, command, invocations.map((i) => i.instanceId));
  if (TERMINAL.has(status)) platform.scheduler.cancel(deliveryJob(command));
}

/** Ends an invocation (or moves it on, when status is not terminal). */
export function finish(platform: Platform, command: CommandRow, inv: InvocationRow, status: string, details: string, at: number, thenAdvance = true): void {
  inv.status = status;
  inv.statusDetails = details;
  if (TERMINAL.has(status)) {
    inv.endedAt ??= at;
    if (status !== 'Success' && inv.responseCode === null && details !== 'Failed') inv.responseCode = -1;
    platform.scheduler.cancel(executionJob(inv));
  }
  saveInvocation(platform.storage, inv);
  announceInvocation(platform, command, inv);
  if (thenAdvance) advance(platform, command);
}

export function deliveryJob(c: { accountId: string; region: string; commandId: string }): string {
  return `ssm-command-delivery/${c.accountId}/${c.region}/${c.commandId}`;
}

export function executionJob(i: { accountId: string; region: string; commandId: string; instanceId: string }): string {
  return `ssm-command-execution/${i.accountId}/${i.region}/${i.commandId}/${i.instanceId}`;
}

/** At ExpiresAfter, whatever was never taken by its agent ends DeliveryTimedOut. */
export function scheduleDeliveryTimeout(platform: Platform, command: CommandRow): void {
  const key = { accountId: command.accountId, region: command.region };
  platform.scheduler.once(deliveryJob(command), Math.max(0, command.expiresAt - platform.clock.now()), () => platform.storage.transaction(() => {
    const c = findCommand(platform.storage, key, command.commandId);
    if (!c || TERMINAL.has(c.status)) return;
    const at = platform.clock.now();
    for (const i of invocationsOf(platform.storage, c)) {
      if (!i.acked && !TERMINAL.has(i.status)) finish(platform, c, i, 'TimedOut', 'DeliveryTimedOut', at, false);
    }
    advance(platform, c);
  }));
}

/** The document's execution timeout, counted from when the agent took the command. */
export function scheduleExecutionTimeout(platform: Platform, command: CommandRow, inv: InvocationRow): void {
  const seconds = Number(command.parameters.executionTimeout?.[0] ?? 3600) || 3600;
  const due = (inv.startedAt ?? platform.clock.now()) + seconds * 1000;
  platform.scheduler.once(executionJob(inv), Math.max(0, due - platform.clock.now()), () => platform.storage.transaction(() => {
    const c = findCommand(platform.storage, command, command.commandId);
    const current = c && invocationsOf(platform.storage, c).find((i) => i.instanceId === inv.instanceId);
    if (!c || !current || TERMINAL.has(current.status)) return;
    finish(platform, c, current, 'TimedOut', 'ExecutionTimedOut', platform.clock.now());
  }));
}

/** Timers of unfinished commands, after a restart. */
export function restoreCommandTimers(platform: Platform): void {
  for (const c of openCommands(platform.storage)) {
    scheduleDeliveryTimeout(platform, c);
    for (const i of invocationsOf(platform.storage, c)) if (i.acked && !TERMINAL.has(i.status)) scheduleExecutionTimeout(platform, c, i);
  }
}
