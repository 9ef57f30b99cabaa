// The platform: storage, clock, scheduler, outbox, accounts and the lazily loaded services.
import { Storage } from '../storage/database';
import { Clock } from './clock';
import { Scheduler } from './scheduler';
import { Outbox } from './events';
import { ResourceIndex } from './resources';
import { Accounts, parseKeyMap } from './accounts';
import { SERVICE_LOADERS, KEY_RESOLVERS } from '../services';
import type { ServicePlugin } from '../services/types';
import type { TransactionObserver } from '../storage/group-commit';

export interface PlatformOptions {
  dataDir: string | null; // null: in memory
  accessKeyAccounts?: Record<string, string>;
  now?: () => number;
  /** Lets Lambda run function code (code from requests): only with `kanri start --run-lambdas`. */
  runLambdas?: boolean;
  /** Networks Route 53 health checks may probe beyond loopback and this machine (`--allow-health-check-targets`). */
  allowHealthCheckTargets?: string[];
}

const SETTINGS_MIGRATIONS = ['CREATE TABLE platform_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)'];

export class Platform implements TransactionObserver {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly outbox: Outbox;
  /** What exists now, across services (see core/resources.ts). */
  readonly resources: ResourceIndex;
  readonly accounts: Accounts;
  private loaded = new Map<string, ServicePlugin>();
  /** Plugins first loaded inside the open transaction: a rollback undoes their migrations. */
  private loadedInTransaction: string[] = [];
  readonly startedAt = Date.now();
  /** The URL kanri answers on, once its listener is up: for links a service hands out (SNS's SubscribeURL) and code that calls back (Lambda functions, pollers). */
  endpoint: string | undefined;

  constructor(readonly options: PlatformOptions) {
    this.storage = new Storage(options.dataDir);
    this.storage.migrate('platform', SETTINGS_MIGRATIONS);
    this.storage.groupCommit.observer = this;
    this.clock = new Clock(options.now);
    this.clock.restoreOffset(Number(this.setting('clock_offset_ms') ?? 0));
    this.clock.on('advanced', () => this.setSetting('clock_offset_ms', String(this.clock.offset)));
    this.scheduler = new Scheduler(this.clock);
    this.resources = new ResourceIndex(this.storage, (name) => void this.service(name));
    this.outbox = new Outbox(this.storage, this.resources);
    this.accounts = new Accounts({ ...parseKeyMap(process.env.KANRI_ACCOUNTS), ...options.accessKeyAccounts }, () => this.clock.now());
    for (const [pattern, service] of KEY_RESOLVERS) {
      this.accounts.addResolver(pattern, (key) => this.service(service)?.resolveAccessKey?.(this, key));
    }
  }

  /** The plugin for a service, loaded (and migrated) on first use; undefined if kanri has none. */
  service(name: string): ServicePlugin | undefined {
    let plugin = this.loaded.get(name);
    if (plugin) return plugin;
    const load = SERVICE_LOADERS[name];
    if (!load) return undefined;
    plugin = load();
    this.storage.migrate(name, plugin.migrations ?? []);
    this.loaded.set(name, plugin);
    if (this.storage.inTransaction) this.loadedInTransaction.push(name);
    plugin.init?.(this);
    return plugin;
  }

  /** As a request's savepoint opens: the plugins it goes on to load are those after this mark. */
  transactionMark(): number {
    return this.loadedInTransaction.length;
  }

  /** After a COMMIT: the migrations of plugins loaded in the transaction are durable. */
  transactionCommitted(): void {
    this.loadedInTransaction = [];
  }

  /**
   * After a rollback to mark (0: the whole transaction): plugins loaded since lost their tables;
   * load (and migrate) them afresh. A whole transaction may have held keys that IAM or STS issued.
   */
  transactionRolledBack(mark = 0): void {
    for (const name of this.loadedInTransaction.splice(mark)) this.loaded.delete(name);
    if (mark === 0) this.accounts.forgetResolvedKeys();
  }

  get loadedServices(): string[] {
    return [...this.loaded.keys()];
  }

  setting(key: string): string | undefined {
    return (this.storage.stmt('SELECT value FROM platform_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string): void {
    this.storage.stmt('INSERT INTO platform_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Clears one service's tables, or all state. The clock keeps its time: it only moves forward. */
  reset(service?: string): void {
    this.accounts.forgetResolvedKeys();
    if (service) {
      this.storage.clearTables(`${service.replace(/-/g, '_')}_`);
      return;
    }
    this.storage.clearTables();
    this.scheduler.stop();
    this.loaded.clear(); // plugins re-run init (subscriptions, jobs) on next use
  }

  private closers: (() => void)[] = [];

  /** Runs fn when the platform closes, before storage does (temp dirs, child processes, open waits). */
  onClose(fn: () => void): void {
    this.closers.push(fn);
  }

  close(): void {
    this.scheduler.stop();
    for (const fn of this.closers.splice(0)) {
      try {
        fn();
      } catch (err) {
        console.error(`kanri: a close hook failed: ${(err as Error).message}`);
      }
    }
    this.storage.close();
  }
}
