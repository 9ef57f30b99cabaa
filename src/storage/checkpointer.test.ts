import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Storage } from './database';
import { MAIN_AUTOCHECKPOINT_PAGES } from './checkpointer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WAL checkpoints in a worker', () => {
  it('takes over after start: the WAL is copied back without a commit doing it, and main keeps a higher threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-ckpt-'));
    const s = new Storage(dir);
    try {
      expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      s.db.exec('CREATE TABLE t (v TEXT)');
      const insert = s.stmt('INSERT INTO t VALUES (?)');
      s.transaction(() => { for (let i = 0; i < 500; i++) insert.run('x'.repeat(1000)); });
      await sleep(1600); // started after 1 s, then a checkpoint every 200 ms
      expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(MAIN_AUTOCHECKPOINT_PAGES);
      // Only a checkpoint grows the database file, and no commit crossed main's threshold.
      expect(statSync(join(dir, 'kanri.sqlite')).size).toBeGreaterThan(500_000);
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps no worker for a database in memory', () => {
    const s = new Storage(null);
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    s.close();
  });
});
