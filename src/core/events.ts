// The outbox. A resource-change event is written in the same transaction as the change, and a
// dispatcher hands committed events to subscribers: at least once, in order, resuming after a restart.
import type { Row, Storage } from '../storage/database';
import type { ResourceIndex } from './resources';

export interface ResourceChange {
  accountId: string;
  region: string;
  service: string;
  resourceType: string; // AWS's type name, e.g. AWS::EC2::SecurityGroup
  resourceId: string;
  arn?: string;
  resourceName?: string;
  before: unknown | null; // null on create
  after: unknown | null; // null on delete
  relationships?: { resourceType: string; resourceId: string; name: string }[];
  time: string; // ISO-8601, from the clock
  requestId?: string;
  /**
   * The descriptions' JSON text, when the emitter writes it itself (EC2 writes its camelCase
   * descriptions in one walk instead of building them): then `before` and `after` are read only for
   * whether they are null and for after's tags, and the text is written only where it is kept (an
   * event for a subscriber; the index, unless the service describes its resources itself).
   */
  afterJson?: () => string;
  beforeJson?: () => string;
}

/**
 * The name CloudTrail's event history gives a changed resource: EC2 resources by id (i-..., sg-...),
 * where Config names them by their Name tag; others by name (bucket, user), else id.
 */
export function eventHistoryName(c: Pick<ResourceChange, 'resourceType' | 'resourceId' | 'resourceName'>): string {
  return c.resourceType.startsWith('AWS::EC2::') ? c.resourceId : c.resourceName ?? c.resourceId;
}

export interface StoredChange extends ResourceChange {
  seq: number;
}

export type Subscriber = (event: StoredChange) => void | Promise<void>;

export const OUTBOX_MIGRATIONS = [
  `CREATE TABLE outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     account_id TEXT NOT NULL, region TEXT NOT NULL, service TEXT NOT NULL,
     resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, arn TEXT, resource_name TEXT,
     before_json TEXT, after_json TEXT, relationships_json TEXT,
     time TEXT NOT NULL, request_id TEXT);
   CREATE TABLE outbox_cursor (subscriber TEXT PRIMARY KEY, last_seq INTEGER NOT NULL);`,
];

const BATCH = 500;
const PRUNE_MS = 200;

export class Outbox {
  private subscribers = new Map<string, Subscriber>();
  private pending = false;
  private draining: Promise<void> | undefined;

  constructor(private readonly storage: Storage, private readonly index?: ResourceIndex) {
    storage.migrate('outbox', OUTBOX_MIGRATIONS);
  }

  /**
   * Whether any durable subscriber exists (this run or an earlier one): until one does, nobody will
   * ever read an event (a new subscriber starts at the end), so only the resource index is written.
   */
  private hasCursor: boolean | undefined;

  private anyCursor(): boolean {
    this.hasCursor ??= this.storage.stmt('SELECT 1 FROM outbox_cursor LIMIT 1').get() !== undefined;
    return this.hasCursor;
  }

  /** Writes an event (and the resource's current state); call inside the transaction that makes the change. */
  emit(change: ResourceChange): void {
    // At most once, for the index and the outbox.
    let text: string | null | undefined;
    const afterJson = () => (text !== undefined ? text : (text = change.after == null ? null : change.afterJson ? change.afterJson() : JSON.stringify(change.after)));
    this.index?.apply(change, afterJson);
    if (!this.anyCursor()) return;
    this.storage
      .stmt(`INSERT INTO outbox (account_id, region, service, resource_type, resource_id, arn, resource_name, before_json, after_json, relationships_json, time, request_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(change.accountId, change.region, change.service, change.resourceType, change.resourceId, change.arn ?? null, change.resourceName ?? null,
        change.before == null ? null : change.beforeJson ? change.beforeJson() : JSON.stringify(change.before), afterJson(),
        change.relationships ? JSON.stringify(change.relationships) : null, change.time, change.requestId ?? null);
    this.schedule();
  }

  /**
   * Registers a durable subscriber. A new subscriber starts at the current end of the outbox
   * (it sees changes from now on); an existing one resumes from its cursor.
   */
  subscribe(name: string, fn: Subscriber): void {
    this.subscribers.set(name, fn);
    this.hasCursor = true;
    this.storage.stmt('INSERT OR IGNORE INTO outbox_cursor (subscriber, last_seq) VALUES (?, (SELECT COALESCE(MAX(seq), 0) FROM outbox))').run(name);
    this.schedule();
  }

  unsubscribe(name: string): void {
    this.subscribers.delete(name);
  }

  /** Drains on the next turn; the drain itself waits for an open group-commit batch to commit. */
  schedule(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      if (this.storage.db.open) void this.drain().catch((err) => console.error(`kanri: outbox drain failed: ${err.message}`));
    });
  }

  /** Delivers everything committed so far; resolves when subscribers are caught up. */
  drain(): Promise<void> {
    if (this.draining) return this.draining.then(() => (this.hasBacklog() ? this.drain() : undefined));
    this.draining = this.deliverAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private hasBacklog(): boolean {
    for (const name of this.subscribers.keys()) if (this.read(name, 1).length) return true;
    return false;
  }

  private read(name: string, limit: number): StoredChange[] {
    const rows = this.storage
      .stmt('SELECT * FROM outbox WHERE seq > (SELECT last_seq FROM outbox_cursor WHERE subscriber = ?) ORDER BY seq LIMIT ?')
      .all(name, limit) as Row[];
    return rows.map(rowToChange);
  }

  private async deliverAll(): Promise<void> {
    for (const [name, fn] of this.subscribers) {
      subscriber: for (;;) {
        // Deliver only committed events: an open group-commit batch holds changes nobody was told of yet.
        for (let open = this.storage.groupCommit.pending(); open; open = this.storage.groupCommit.pending()) await open;
        const batch = this.read(name, BATCH);
        if (!batch.length) break;
        for (const event of batch) {
          try {
            await fn(event);
          } catch (err) {
            // Stop this subscriber here; the event is retried on the next drain (at least once).
            console.error(`kanri: subscriber ${name} failed on event ${event.seq}: ${(err as Error).message}`);
            setTimeout(() => this.schedule(), 1000).unref();
            break subscriber;
          }
          this.storage.stmt('UPDATE outbox_cursor SET last_seq = ? WHERE subscriber = ?').run(event.seq, name);
        }
        if (batch.length < BATCH) break;
      }
    }
    this.schedulePrune();
  }

  private pruneTimer: NodeJS.Timeout | undefined;

  /**
   * Prunes a moment later, not after every drain: each prune is a write transaction of its own, and
   * under load a drain follows nearly every request. Rows wait a little longer; nobody reads them.
   */
  private schedulePrune(): void {
    if (this.pruneTimer) return;
    this.pruneTimer = setTimeout(() => {
      this.pruneTimer = undefined;
      if (!this.storage.db.open) return;
      if (this.storage.inTransaction) this.schedulePrune();
      else this.prune();
    }, PRUNE_MS);
    this.pruneTimer.unref();
  }

  /** Drops events every subscriber has seen; with no subscribers, nobody will ever read them. */
  prune(): void {
    this.storage.stmt('DELETE FROM outbox WHERE seq <= (SELECT COALESCE(MIN(last_seq), (SELECT MAX(seq) FROM outbox)) FROM outbox_cursor)').run();
  }
}

function rowToChange(r: Row): StoredChange {
  return {
    seq: r.seq, accountId: r.account_id, region: r.region, service: r.service, resourceType: r.resource_type,
    resourceId: r.resource_id, arn: r.arn ?? undefined, resourceName: r.resource_name ?? undefined,
    before: r.before_json ? JSON.parse(r.before_json) : null, after: r.after_json ? JSON.parse(r.after_json) : null,
    relationships: r.relationships_json ? JSON.parse(r.relationships_json) : undefined, time: r.time, requestId: r.request_id ?? undefined,
  };
}
