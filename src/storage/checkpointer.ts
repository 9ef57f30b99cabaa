// Moves WAL checkpoints off the event loop. A checkpoint copies the WAL back into the database
// file and fsyncs both: run by SQLite inside whichever COMMIT crosses the threshold, it stalls
// every request behind it for milliseconds. A worker thread with its own connection runs a
// PASSIVE checkpoint (it never waits for, nor blocks, the writer) every CHECKPOINT_MS instead; the
// main connection keeps a higher threshold of its own, so the WAL still restarts under writes
// that never pause. Durability is unchanged: commits reach the WAL as before.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const CHECKPOINT_MS = 200;
/**
 * Pages the WAL may reach (64 MiB) before the main connection checkpoints by itself (SQLite's
 * default: 1000). Under writes that never pause, the worker's PASSIVE rounds never catch up fully,
 * so only this backstop restarts the WAL, and each time it stalls a COMMIT for 5-20 ms (the tail
 * copy and two fsyncs); at 4,000 pages that was ~5% of the event loop in the EC2 bench.
 */
export const MAIN_AUTOCHECKPOINT_PAGES = 16000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} // busy: the next round catches up
}, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer { stop(): void }

/** Starts the worker; main's own threshold rises once the worker is up (and falls back if it dies). */
export function startCheckpointer(db: Database.Database, file: string, synchronous: string): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, synchronous, intervalMs: CHECKPOINT_MS },
  });
  worker.unref();
  const setThreshold = (pages: number) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${pages}`);
  };
  worker.once('online', () => setThreshold(MAIN_AUTOCHECKPOINT_PAGES));
  worker.once('error', (err) => {
    setThreshold(1000);
    console.error(`kanri: the WAL checkpoint worker stopped (${err.message}); checkpoints run in commits again`);
  });
  return {
    stop() {
      worker.postMessage('stop');
    },
  };
}
