// Message move tasks (DLQ redrive): a job on the scheduler moves messages from the dead-letter
// queue to the destination (or back to each message's source queue), at most N per second when a
// rate is given, and records its progress in the task row.
import type { Platform } from '../../core/platform';
import { queueFromArn } from './names';
import { findQueue, type QueueKey } from './store';
import { deleteMessageRow, insertMessage, visibleMessages } from './store-messages';
import { findTask, runningTasks, updateTask } from './store-moves';
import { wakeQueue } from './waiters';

const UNLIMITED_BATCH = 10_000;

export function scheduleMove(platform: Platform, handle: string, delayMs = 0): void {
  platform.scheduler.once(`sqs-move:${handle}`, delayMs, () => runMoveStep(platform, handle));
}

export function restoreMoveTasks(platform: Platform): void {
  for (const t of runningTasks(platform.storage)) scheduleMove(platform, t.taskHandle);
}

function runMoveStep(platform: Platform, handle: string): void {
  const s = platform.storage;
  if (!s.db.open) return;
  const woken: QueueKey[] = [];
  const again = s.transaction(() => {
    const task = findTask(s, handle);
    if (!task || task.status !== 'RUNNING') return false;
    const sourceKey = queueFromArn(task.sourceArn);
    const source = sourceKey && findQueue(s, sourceKey);
    if (!source) {
      updateTask(s, handle, 'FAILED', task.moved, 'AWS.SimpleQueueService.NonExistentQueue');
      return false;
    }
    const now = platform.clock.now();
    const batch = visibleMessages(s, source, now, task.maxPerSecond ?? UNLIMITED_BATCH, true);
    let moved = task.moved;
    for (const m of batch) {
      const destKey = queueFromArn(task.destinationArn ?? m.dlqSourceArn ?? '');
      const dest = destKey && findQueue(s, destKey);
      if (!dest) {
        updateTask(s, handle, 'FAILED', moved, 'AWS.SimpleQueueService.NonExistentQueue');
        return false;
      }
      deleteMessageRow(s, m.id);
      insertMessage(s, dest, { ...m, sentAt: now, visibleAt: now, dlqSourceArn: null });
      woken.push(dest);
      moved++;
    }
    const more = task.maxPerSecond !== null && batch.length === task.maxPerSecond;
    updateTask(s, handle, more ? 'RUNNING' : 'COMPLETED', moved);
    return more;
  });
  woken.forEach(wakeQueue);
  if (again) scheduleMove(platform, handle, 1000);
}
