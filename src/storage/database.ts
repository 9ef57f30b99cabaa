// The storage port: one SQLite connection (WAL), per-service migrations, transactions and a
// statement cache. Everything durable goes through here, so a PostgreSQL adapter stays possible.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { GroupCommit } from './group-commit';

export type Row = Record<string, any>;

const CHECKPOINTER_DELAY_MS = 1000;

export class Storage {
  readonly db: Database.Database;
  /** Requests of one event-loop turn share a transaction and its COMMIT (see group-commit.ts). */
  readonly groupCommit = new GroupCommit(this);
  private statements = new Map<string, Database.Statement>();
  /** A read-only request's transaction starts at its first write (see deferTransaction). */
  private deferred = false;
  private deferredReads = 0;
  private checkpointer?: Checkpointer;
  private checkpointerTimer?: NodeJS.Timeout;

  constructor(readonly dataDir: string | null) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new Database(dataDir ? join(dataDir, 'kanri.sqlite') : ':memory:');
    this.db.pragma('journal_mode = WAL');
    // NORMAL keeps every committed transaction across a process kill (the WAL is in the OS cache);
    // KANRI_FSYNC=full also survives power loss.
    this.db.pragma(`synchronous = ${this.fsyncFull ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    // Each request runs in a savepoint (group-commit.ts): the first change to a page inside one
    // copies the page to the sub-journal, which past 64 KiB would spill to a temp file (a write
    // syscall per page). In memory it is a memcpy; temp tables and big sorts live there too.
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('foreign_keys = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS _migrations (owner TEXT PRIMARY KEY, version INTEGER NOT NULL)');
    // Checkpoints move to a worker thread a moment after start (off the cold-start path).
    if (dataDir) {
      this.checkpointerTimer = setTimeout(() => {
        if (this.db.open) this.checkpointer = startCheckpointer(this.db, join(dataDir, 'kanri.sqlite'), this.fsyncFull ? 'FULL' : 'NORMAL');
      }, CHECKPOINTER_DELAY_MS).unref();
    }
  }

  /** KANRI_FSYNC=full: every commit (and every file that backs a row) reaches the disk before it counts. */
  get fsyncFull(): boolean {
    return process.env.KANRI_FSYNC === 'full';
  }

  get inMemory(): boolean {
    return this.dataDir === null;
  }

  /** Applies the owner's migrations that have not run yet; each list only ever grows. */
  migrate(owner: string, migrations: string[]): void {
    const row = this.stmt('SELECT version FROM _migrations WHERE owner = ?').get(owner) as Row | undefined;
    const done = row?.version ?? 0;
    if (done >= migrations.length) return;
    this.transaction(() => {
      for (let i = done; i < migrations.length; i++) this.db.exec(migrations[i]);
      this.stmt('INSERT INTO _migrations (owner, version) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET version = excluded.version').run(owner, migrations.length);
    });
  }

  /** A cached prepared statement. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    // A write, or a second read (several reads share one read transaction, as inside BEGIN).
    if (this.deferred && (!s.readonly || this.deferredReads++ > 0)) this.beginDeferred();
    return s;
  }

  /**
   * Opens the caller's transaction lazily: BEGIN runs just before the first statement that writes,
   * or the second statement. With one connection and synchronous statements, a read before it sees
   * what it would inside it, so a request of one read (GetParameter) skips BEGIN and COMMIT. End
   * with endDeferral(); the caller then commits or rolls back if inTransaction.
   */
  deferTransaction(): void {
    this.deferred = true;
    this.deferredReads = 0;
  }

  endDeferral(): void {
    this.deferred = false;
  }

  private beginDeferred(): void {
    this.deferred = false;
    this.stmt('BEGIN').run();
  }

  /**
   * Runs fn in a transaction, or in a savepoint when one is already open. Hand-rolled with cached
   * statements: better-sqlite3's db.transaction(fn) builds a new wrapper on every call.
   */
  transaction<T>(fn: () => T): T {
    if (this.deferred) this.beginDeferred(); // the deferred transaction holds this one
    const nested = this.db.inTransaction;
    this.stmt(nested ? 'SAVEPOINT kanri_tx' : 'BEGIN').run();
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
    } catch (err) {
      // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL).
      if (this.db.inTransaction) {
        if (nested) {
          this.stmt('ROLLBACK TO kanri_tx').run();
          this.stmt('RELEASE kanri_tx').run();
        } else {
          this.stmt('ROLLBACK').run();
        }
      }
      throw err;
    }
    this.stmt(nested ? 'RELEASE kanri_tx' : 'COMMIT').run();
    return result;
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  /** Deletes every row of the tables whose names start with prefix (or of all tables). */
  clearTables(prefix?: string): void {
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_migrations'").all() as Row[])
      .map((r) => r.name as string)
      .filter((name) => !prefix || name.startsWith(prefix));
    this.transaction(() => {
      for (const t of tables) this.db.exec(`DELETE FROM "${t}"`);
    });
  }

  close(): void {
    if (this.db.open) this.groupCommit.flush();
    clearTimeout(this.checkpointerTimer);
    this.checkpointer?.stop();
    this.checkpointer = undefined;
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
