import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Storage } from './database';
import { CommitFailed, type TransactionObserver } from './group-commit';

const dirs: string[] = [];
const opened: Storage[] = [];

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A storage on disk, and a second connection that sees only what was committed. */
function storage(): { s: Storage; committed: () => number[]; commits: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'kanri-gc-'));
  dirs.push(dir);
  const s = new Storage(dir);
  opened.push(s);
  // p/c: a deferred foreign key fails only at COMMIT, which is how these tests make a COMMIT fail.
  s.db.exec(`CREATE TABLE t (v INTEGER);
    CREATE TABLE p (id INTEGER PRIMARY KEY);
    CREATE TABLE c (pid INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)`);
  const other = new Database(join(dir, 'kanri.sqlite'), { readonly: true });
  const stmt = vi.spyOn(s, 'stmt');
  return {
    s,
    committed: () => (other.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v),
    commits: () => stmt.mock.calls.filter(([sql]) => sql === 'COMMIT').length,
  };
}

const insert = (s: Storage, v: number) => () => s.stmt('INSERT INTO t VALUES (?)').run(v);
const turn = () => new Promise((resolve) => setImmediate(resolve));
const fail = (message: string) => () => { throw new Error(message); };

describe('GroupCommit', () => {
  it('gives the requests of one turn one COMMIT, and answers none before it', async () => {
    const { s, committed, commits } = storage();
    const gc = s.groupCommit;
    const since = gc.mark;
    for (const v of [1, 2, 3]) gc.run(insert(s, v), false);
    const answered: number[] = [];
    const waits = [1, 2, 3].map((v) => gc.afterCommit(since)!.then(() => answered.push(v)));
    await Promise.resolve();
    expect(answered).toEqual([]);
    expect(committed()).toEqual([]); // a crash now loses only what nobody was told of
    await Promise.all(waits);
    expect(committed()).toEqual([1, 2, 3]);
    expect(commits()).toBe(1);
    expect(gc.afterCommit(since)).toBeUndefined(); // nothing left to wait for
  });

  it('rolls a failing request back to its savepoint; the others of the batch commit', async () => {
    const { s, committed } = storage();
    const gc = s.groupCommit;
    const since = gc.mark;
    gc.run(insert(s, 1), false);
    expect(() => gc.run(() => { insert(s, 2)(); fail('conflict')(); }, false)).toThrow('conflict');
    gc.run(insert(s, 3), false);
    await gc.afterCommit(since);
    expect(committed()).toEqual([1, 3]);
  });

  it('fails every request of the batch when its COMMIT fails, and rolls all of it back', async () => {
    const { s, committed } = storage();
    const gc = s.groupCommit;
    const observer: TransactionObserver = { transactionMark: () => 7, transactionCommitted: vi.fn(), transactionRolledBack: vi.fn() };
    gc.observer = observer;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const since = gc.mark;
    gc.run(insert(s, 1), false);
    gc.run(() => s.stmt('INSERT INTO c VALUES (99)').run(), false); // no parent: COMMIT refuses
    const results = await Promise.allSettled([gc.afterCommit(since), gc.afterCommit(since)]);
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof CommitFailed)).toEqual([true, true]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
    expect(committed()).toEqual([]);
    expect(s.inTransaction).toBe(false);
    expect(observer.transactionRolledBack).toHaveBeenCalledWith(0);
    expect(observer.transactionCommitted).not.toHaveBeenCalled();
    // A request that started after the failed batch is not failed by it.
    const next = gc.mark;
    gc.run(insert(s, 2), false);
    await gc.afterCommit(next);
    expect(committed()).toEqual([2]);
    // One that started before it still is, even once no batch is open.
    await expect(gc.afterCommit(since)).rejects.toBeInstanceOf(CommitFailed);
  });

  it('tells the observer where a failed request began, so only its plugin loads are undone', async () => {
    const { s } = storage();
    let loads = 0;
    const observer = { transactionMark: () => loads, transactionCommitted: vi.fn(), transactionRolledBack: vi.fn() };
    s.groupCommit.observer = observer;
    s.groupCommit.run(() => loads++, false);
    expect(() => s.groupCommit.run(() => { loads++; fail('x')(); }, false)).toThrow('x');
    expect(observer.transactionRolledBack).toHaveBeenCalledWith(1);
    await turn();
    expect(observer.transactionCommitted).toHaveBeenCalledOnce();
  });

  it('keeps a lone read-only request free of BEGIN and of waiting', () => {
    const { s } = storage();
    const gc = s.groupCommit;
    const since = gc.mark;
    const spy = vi.spyOn(s, 'stmt');
    expect(gc.run(() => s.stmt('SELECT COUNT(*) AS n FROM t').get(), true)).toEqual({ n: 0 });
    expect(spy.mock.calls.map(([sql]) => sql)).toEqual(['SELECT COUNT(*) AS n FROM t']);
    expect(gc.isOpen).toBe(false);
    expect(gc.afterCommit(since)).toBeUndefined();
  });

  it('commits a lone read-only request that wrote after all at once, as before group commit', () => {
    const { s, committed, commits } = storage();
    const gc = s.groupCommit;
    const since = gc.mark;
    gc.run(insert(s, 1), true);
    expect(gc.isOpen).toBe(false);
    expect(committed()).toEqual([1]);
    expect(commits()).toBe(1);
    expect(gc.afterCommit(since)).toBeUndefined();
  });

  it('makes a read-only request in an open batch wait for its COMMIT (it may have read uncommitted rows)', async () => {
    const { s, committed } = storage();
    const gc = s.groupCommit;
    gc.run(insert(s, 1), false);
    const since = gc.mark;
    expect(gc.run(() => s.stmt('SELECT COUNT(*) AS n FROM t').get(), true)).toEqual({ n: 1 });
    const wait = gc.afterCommit(since);
    expect(wait).toBeInstanceOf(Promise);
    await wait;
    expect(committed()).toEqual([1]);
  });

  it('commits with the batch what anything else wrote while it was open (timers, later async parts)', async () => {
    const { s, committed } = storage();
    const gc = s.groupCommit;
    const since = gc.mark;
    const pending = gc.run(() => Promise.resolve().then(insert(s, 2)), false); // writes after its await
    s.transaction(insert(s, 3)); // a job's transaction nests in the batch as a savepoint
    await pending;
    expect(committed()).toEqual([]);
    await gc.afterCommit(since);
    expect(committed()).toEqual([2, 3]);
  });

  it('lets the outbox wait for the open batch: pending() ends with it', async () => {
    const { s, committed } = storage();
    expect(s.groupCommit.pending()).toBeUndefined();
    s.groupCommit.run(insert(s, 1), false);
    await s.groupCommit.pending();
    expect(committed()).toEqual([1]);
  });

  it('commits the open batch when storage closes', () => {
    const { s, committed } = storage();
    s.groupCommit.run(insert(s, 1), false);
    s.close();
    expect(committed()).toEqual([1]);
  });
});
