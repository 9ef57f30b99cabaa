// Group commit. A COMMIT writes every page the transaction touched to the WAL, and consecutive
// requests touch many of the same pages (index append points, page 1, interior pages). So requests
// whose synchronous parts run in the same turn of the event loop share one transaction, each in a
// savepoint of its own, and one COMMIT runs per turn (a setImmediate queued when the batch opens).
// Nobody is answered before the COMMIT that holds what they wrote or read: callers wait on
// afterCommit() before they answer.
import type { Storage } from './database';

/** What must follow a transaction's end in memory (the platform reloads plugins whose tables were undone). */
export interface TransactionObserver {
  /** A position in the observer's log, taken as a savepoint opens. */
  transactionMark(): number;
  transactionCommitted(): void;
  /** Everything since mark was rolled back (0: the whole transaction). */
  transactionRolledBack(mark: number): void;
}

/** The COMMIT that held a request's work failed (logged once, where it failed): answer a 500. */
export class CommitFailed extends Error {
  constructor() {
    super('the transaction holding this request failed to commit');
  }
}

interface Batch {
  seq: number;
  members: number;
  ended: Promise<void>; // resolves on COMMIT or rollback, never rejects
  end: () => void;
}

const NO_OBSERVER: TransactionObserver = { transactionMark: () => 0, transactionCommitted() {}, transactionRolledBack() {} };

export class GroupCommit {
  observer = NO_OBSERVER;
  private open: Batch | undefined;
  private seq = 0; // batches opened so far; the first is 1
  private lastFailed = 0; // the newest batch whose COMMIT failed

  constructor(private readonly storage: Storage) {}

  /** The first batch that can hold what a request starting now reads or writes: pass it to afterCommit. */
  get mark(): number {
    return this.open ? this.open.seq : this.seq + 1;
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /**
   * Runs a request's synchronous part. A mutating one, or any one while a batch is open, runs in a
   * savepoint of the batch (opening one if needed): if it throws, only its own writes are undone.
   * A read-only one with no batch open keeps the cheap path: no BEGIN unless it writes or reads
   * twice (Storage.deferTransaction), and then its own COMMIT at once, with nothing to wait for.
   */
  run<T>(fn: () => T, readOnly: boolean): T {
    if (readOnly && !this.open && !this.storage.inTransaction) return this.runDeferred(fn);
    const batch = this.ensureOpen();
    batch.members++;
    const mark = this.observer.transactionMark();
    this.storage.stmt('SAVEPOINT kanri_request').run();
    let result: T;
    try {
      result = fn();
    } catch (err) {
      if (this.storage.inTransaction) {
        this.storage.stmt('ROLLBACK TO kanri_request').run();
        this.storage.stmt('RELEASE kanri_request').run();
        this.observer.transactionRolledBack(mark);
      } else {
        this.fail(batch, err); // SQLite rolled the whole transaction back on its own (disk full, I/O error)
      }
      throw err;
    }
    this.storage.stmt('RELEASE kanri_request').run();
    return result;
  }

  /**
   * Undefined when nothing since `since` waits for a COMMIT (no await: the fast path stays a plain
   * call); else a promise of the open batch's end. Either way, rejects with CommitFailed if a batch
   * since `since` failed. Whatever ran while a batch was open (an async handler's later writes, a
   * timer's, a read of uncommitted rows) is in that batch, so waiting for it covers them.
   */
  afterCommit(since: number): Promise<void> | undefined {
    if (this.open) return this.open.ended.then(() => this.check(since));
    return this.lastFailed >= since ? Promise.reject(new CommitFailed()) : undefined;
  }

  /** The open batch's end (commit or rollback), or undefined if none is open: for readers that act on what they read (the outbox). */
  pending(): Promise<void> | undefined {
    return this.open?.ended;
  }

  /** Commits the open batch now (at close, so a graceful stop keeps it). */
  flush(): void {
    if (this.open) this.commit(this.open);
  }

  private runDeferred<T>(fn: () => T): T {
    const storage = this.storage;
    storage.deferTransaction();
    try {
      const result = fn();
      storage.endDeferral(); // what an async handler does after its first await is not deferred
      // Its own COMMIT, at once, as before group commit: mostly a read transaction (two reads), which
      // costs nothing to commit and should not wait a turn; a write here (SQS ReceiveMessage) is rare.
      if (storage.inTransaction) {
        storage.stmt('COMMIT').run();
        this.observer.transactionCommitted();
      }
      return result;
    } catch (err) {
      storage.endDeferral();
      if (storage.inTransaction) {
        storage.stmt('ROLLBACK').run();
        this.observer.transactionRolledBack(0);
      }
      throw err;
    }
  }

  private ensureOpen(): Batch {
    if (this.open && !this.storage.inTransaction) this.fail(this.open, new Error('the transaction was rolled back'));
    if (this.open) return this.open;
    // Already in a transaction nobody will commit (SQLite's, left open by a bug): the batch takes it over.
    if (!this.storage.inTransaction) this.storage.stmt('BEGIN').run();
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const batch: Batch = { seq: ++this.seq, members: 0, ended, end };
    this.open = batch;
    setImmediate(() => this.open === batch && this.commit(batch));
    return batch;
  }

  private commit(batch: Batch): void {
    try {
      // Not in a transaction any more: SQLite rolled it back under a timer's or a job's write.
      if (!this.storage.inTransaction) throw new Error('the transaction was rolled back');
      this.storage.stmt('COMMIT').run();
    } catch (err) {
      this.fail(batch, err);
      return;
    }
    this.open = undefined;
    this.observer.transactionCommitted();
    batch.end();
  }

  private fail(batch: Batch, err: unknown): void {
    console.error(`kanri: a group commit of ${batch.members} request(s) failed, they answer 500: ${(err as Error).message}`);
    try {
      if (this.storage.inTransaction) this.storage.stmt('ROLLBACK').run();
    } catch (rollbackErr) {
      console.error(`kanri: rollback after a failed commit failed: ${(rollbackErr as Error).message}`);
    }
    this.open = undefined;
    this.lastFailed = batch.seq;
    this.observer.transactionRolledBack(0);
    batch.end();
  }

  private check(since: number): void {
    if (this.lastFailed >= since) throw new CommitFailed();
  }
}
