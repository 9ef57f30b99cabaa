// Long polls waiting on a queue. A send (or a dead-letter move) wakes the queue's waiters; moving
// the clock wakes all of them, since delayed and in-flight messages may have become visible.
import type { QueueKey } from './store';

type Recheck = () => void;

const waiting = new Map<string, Set<Recheck>>();

const keyOf = (k: QueueKey) => `${k.accountId}/${k.region}/${k.name}`;

/** Registers a recheck for a queue; returns the function that removes it. */
export function addWaiter(k: QueueKey, recheck: Recheck): () => void {
  const key = keyOf(k);
  let set = waiting.get(key);
  if (!set) waiting.set(key, (set = new Set()));
  set.add(recheck);
  return () => {
    set!.delete(recheck);
    if (!set!.size && waiting.get(key) === set) waiting.delete(key);
  };
}

/** Wakes a queue's waiters once the current request (and its transaction) has finished. */
export function wakeQueue(k: QueueKey): void {
  const set = waiting.get(keyOf(k));
  if (set?.size) setImmediate(() => set.forEach((recheck) => recheck()));
}

export function wakeAll(): void {
  if (!waiting.size) return;
  setImmediate(() => {
    for (const set of waiting.values()) set.forEach((recheck) => recheck());
  });
}
