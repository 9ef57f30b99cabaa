import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../storage/database';
import { Outbox, type ResourceChange, type StoredChange } from './events';

const change = (id: string, after: unknown): ResourceChange => ({
  accountId: '000000000000', region: 'us-east-1', service: 'test', resourceType: 'AWS::Test::Thing', resourceId: id,
  before: null, after, time: new Date(0).toISOString(),
});

const open: Storage[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

describe('Outbox', () => {
  it('delivers committed events in order and drops rolled-back ones', async () => {
    const storage = new Storage(null);
    open.push(storage);
    const outbox = new Outbox(storage);
    const seen: StoredChange[] = [];
    outbox.subscribe('recorder', (e) => void seen.push(e));
    storage.transaction(() => { outbox.emit(change('a', { v: 1 })); outbox.emit(change('a', { v: 2 })); });
    expect(() => storage.transaction(() => { outbox.emit(change('b', { v: 1 })); throw new Error('abort'); })).toThrow('abort');
    await outbox.drain();
    expect(seen.map((e) => [e.resourceId, (e.after as any).v])).toEqual([['a', 1], ['a', 2]]);
  });

  it('delivers an event of a group-commit batch only once the batch committed', async () => {
    const storage = new Storage(null);
    open.push(storage);
    const outbox = new Outbox(storage);
    const seen: string[] = [];
    outbox.subscribe('recorder', (e) => void seen.push(`${e.resourceId}, open: ${storage.groupCommit.isOpen}`));
    outbox.schedule(); // a drain queued before the batch opens runs before the batch's COMMIT does
    storage.groupCommit.run(() => outbox.emit(change('a', { v: 1 })), false);
    expect(() => storage.groupCommit.run(() => { outbox.emit(change('b', { v: 1 })); throw new Error('abort'); }, false)).toThrow('abort');
    await new Promise((resolve) => setImmediate(resolve));
    await outbox.drain();
    expect(seen).toEqual(['a, open: false']);
  });

  it('retries a failing subscriber without skipping, so delivery is at least once', async () => {
    const storage = new Storage(null);
    open.push(storage);
    const outbox = new Outbox(storage);
    let fail = true;
    const seen: number[] = [];
    outbox.subscribe('flaky', (e) => {
      if (fail && (e.after as any).v === 2) throw new Error('down');
      seen.push((e.after as any).v);
    });
    for (const v of [1, 2, 3]) outbox.emit(change('x', { v }));
    const log = console.error;
    console.error = () => {};
    await outbox.drain();
    console.error = log;
    expect(seen).toEqual([1]);
    fail = false;
    await outbox.drain();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('resumes from its cursor after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-outbox-'));
    try {
      const first = new Storage(dir);
      const outbox1 = new Outbox(first);
      const seen1: string[] = [];
      outbox1.subscribe('recorder', (e) => void seen1.push(e.resourceId));
      outbox1.emit(change('one', {}));
      await outbox1.drain();
      outbox1.unsubscribe('recorder'); // the process goes away before the next event is delivered
      outbox1.emit(change('two', {}));
      first.close();

      const second = new Storage(dir);
      const outbox2 = new Outbox(second);
      const seen2: string[] = [];
      outbox2.subscribe('recorder', (e) => void seen2.push(e.resourceId));
      await outbox2.drain();
      second.close();
      expect(seen1).toEqual(['one']);
      expect(seen2).toEqual(['two']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
