// Message move task rows.
import type { Row, Storage } from '../../storage/database';

export interface MoveTask {
  taskHandle: string; accountId: string; region: string; sourceArn: string; destinationArn: string | null;
  maxPerSecond: number | null; status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  moved: number; toMove: number; startedAt: number; failureReason: string | null;
}

function toTask(r: Row): MoveTask {
  return {
    taskHandle: r.task_handle, accountId: r.account_id, region: r.region, sourceArn: r.source_arn, destinationArn: r.destination_arn,
    maxPerSecond: r.max_per_second, status: r.status, moved: r.moved, toMove: r.to_move, startedAt: r.started_at, failureReason: r.failure_reason,
  };
}

export function insertTask(s: Storage, t: MoveTask): void {
  s.stmt(`INSERT INTO sqs_move_tasks (task_handle, account_id, region, source_arn, destination_arn, max_per_second, status, moved, to_move, started_at, failure_reason)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(t.taskHandle, t.accountId, t.region, t.sourceArn, t.destinationArn, t.maxPerSecond, t.status, t.moved, t.toMove, t.startedAt, t.failureReason);
}

export function findTask(s: Storage, handle: string): MoveTask | undefined {
  const r = s.stmt('SELECT * FROM sqs_move_tasks WHERE task_handle = ?').get(handle) as Row | undefined;
  return r && toTask(r);
}

export function updateTask(s: Storage, handle: string, status: MoveTask['status'], moved: number, failureReason: string | null = null): void {
  s.stmt('UPDATE sqs_move_tasks SET status = ?, moved = ?, failure_reason = ? WHERE task_handle = ?').run(status, moved, failureReason, handle);
}

export function tasksForSource(s: Storage, sourceArn: string, limit: number): MoveTask[] {
  return (s.stmt('SELECT * FROM sqs_move_tasks WHERE source_arn = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(sourceArn, limit) as Row[]).map(toTask);
}

export function runningTasks(s: Storage): MoveTask[] {
  return (s.stmt("SELECT * FROM sqs_move_tasks WHERE status = 'RUNNING'").all() as Row[]).map(toTask);
}
