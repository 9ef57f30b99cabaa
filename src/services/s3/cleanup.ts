// Body files outlive their rows only briefly: they are removed once the transaction that dropped the
// row has committed (and only if no row names them, so a rolled-back change keeps its file).
import type { Platform } from '../../core/platform';
import { bodyStore } from './files';
import { isFileReferenced } from './store-objects';

export function removeFilesLater(platform: Platform, files: (string | null | undefined)[]): void {
  const list = files.filter((f): f is string => !!f);
  if (!list.length) return;
  setImmediate(() => {
    if (!platform.storage.db.open) return;
    bodyStore(platform).remove(list.filter((f) => !isFileReferenced(platform.storage, f)));
  });
}

/**
 * At start-up: drops tmp files of a killed process, and blobs no row names (a crash between the
 * rename and the commit, or a reset that cleared the tables). Runs in slices to keep start-up quick.
 */
export function sweepOrphans(platform: Platform): void {
  const store = bodyStore(platform);
  store.cleanTmp();
  const blobs = store.listBlobs();
  const step = () => {
    if (!platform.storage.db.open) return;
    const slice = blobs.splice(0, 500);
    store.remove(slice.filter((f) => !isFileReferenced(platform.storage, f)));
    if (blobs.length) setImmediate(step);
  };
  setImmediate(step);
}
