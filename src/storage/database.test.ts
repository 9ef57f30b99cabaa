import { describe, expect, it } from 'vitest';
import { Storage } from './database';

function storage(): Storage {
  const s = new Storage(null);
  s.db.exec('CREATE TABLE t (v INTEGER)');
  return s;
}
const values = (s: Storage) => (s.db.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);

describe('Storage.transaction', () => {
  it('commits what fn wrote and returns its result', () => {
    const s = storage();
    expect(s.transaction(() => { s.stmt('INSERT INTO t VALUES (1)').run(); return 'ok'; })).toBe('ok');
    expect(values(s)).toEqual([1]);
    expect(s.inTransaction).toBe(false);
  });

  it('rolls everything back when fn throws', () => {
    const s = storage();
    expect(() => s.transaction(() => { s.stmt('INSERT INTO t VALUES (1)').run(); throw new Error('boom'); })).toThrow('boom');
    expect(values(s)).toEqual([]);
    expect(s.inTransaction).toBe(false);
  });

  it('nests as savepoints: an inner failure undoes only the inner writes', () => {
    const s = storage();
    s.transaction(() => {
      s.stmt('INSERT INTO t VALUES (1)').run();
      expect(() => s.transaction(() => { s.stmt('INSERT INTO t VALUES (2)').run(); throw new Error('inner'); })).toThrow('inner');
      s.transaction(() => s.stmt('INSERT INTO t VALUES (3)').run());
    });
    expect(values(s)).toEqual([1, 3]);
  });

  it('an outer failure undoes the inner savepoints too', () => {
    const s = storage();
    expect(() => s.transaction(() => {
      s.transaction(() => s.stmt('INSERT INTO t VALUES (2)').run());
      throw new Error('outer');
    })).toThrow('outer');
    expect(values(s)).toEqual([]);
  });

  it('refuses a function that returns a promise, and writes nothing', () => {
    const s = storage();
    expect(() => s.transaction(() => { s.stmt('INSERT INTO t VALUES (1)').run(); return Promise.resolve(); })).toThrow(/cannot return a promise/);
    expect(values(s)).toEqual([]);
  });
});

describe('Storage.deferTransaction', () => {
  it('never begins for a single read; a second read shares a transaction with it', () => {
    const s = storage();
    s.deferTransaction();
    s.stmt('SELECT v FROM t').all();
    expect(s.inTransaction).toBe(false);
    s.stmt('SELECT v FROM t').all();
    expect(s.inTransaction).toBe(true);
    s.endDeferral();
    s.stmt('COMMIT').run();
  });

  it('begins at the first write, so a rollback undoes every write of the request', () => {
    const s = storage();
    s.deferTransaction();
    s.stmt('INSERT INTO t VALUES (1)').run();
    expect(s.inTransaction).toBe(true);
    s.transaction(() => s.stmt('INSERT INTO t VALUES (2)').run()); // a savepoint inside it
    s.endDeferral();
    s.stmt('ROLLBACK').run();
    expect(values(s)).toEqual([]);
  });

  it('opens the deferred transaction around a transaction(fn) called before any write', () => {
    const s = storage();
    s.deferTransaction();
    s.transaction(() => s.stmt('INSERT INTO t VALUES (1)').run());
    expect(s.inTransaction).toBe(true);
    s.endDeferral();
    s.stmt('COMMIT').run();
    expect(values(s)).toEqual([1]);
  });

  it('stops deferring once ended: a later write autocommits', () => {
    const s = storage();
    s.deferTransaction();
    s.endDeferral();
    s.stmt('INSERT INTO t VALUES (1)').run();
    expect(s.inTransaction).toBe(false);
    expect(values(s)).toEqual([1]);
  });
});
