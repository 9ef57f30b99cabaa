// A per-account cache of the rules' definitions (parsed once), so that recording an item does not
// read and parse every rule of the account again. PutConfigRule and DeleteConfigRule write a new
// generation for the account in their transaction; the cache is used only while the stored
// generation matches, so a rolled-back request or /_kanri/reset can never leave it stale.
// Only the definition is cached: a rule that is about to run is read afresh for its status.
// KANRI_CONFIG_RULE_CACHE=off turns it off (the bench measures the difference).
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../core/platform';
import type { Row } from '../../../storage/database';
import { accountRules, type RuleRow } from './store';

const caches = new WeakMap<Platform, Map<string, { generation: string; rules: RuleRow[] }>>();
const enabled = () => process.env.KANRI_CONFIG_RULE_CACHE !== 'off';

function generationOf(platform: Platform, accountId: string): string {
  const r = platform.storage.stmt('SELECT generation FROM config_rule_generations WHERE account_id = ?').get(accountId) as Row | undefined;
  return r?.generation ?? '';
}

export function cachedAccountRules(platform: Platform, accountId: string): RuleRow[] {
  if (!enabled()) return accountRules(platform.storage, accountId);
  let cache = caches.get(platform);
  if (!cache) caches.set(platform, (cache = new Map()));
  const generation = generationOf(platform, accountId);
  const hit = cache.get(accountId);
  if (hit && hit.generation === generation) return hit.rules;
  const rules = accountRules(platform.storage, accountId);
  cache.set(accountId, { generation, rules });
  return rules;
}

/** Call in the transaction that changes the account's rules. */
export function invalidateRules(platform: Platform, accountId: string): void {
  platform.storage.stmt('INSERT OR REPLACE INTO config_rule_generations (account_id, generation) VALUES (?, ?)').run(accountId, randomBytes(8).toString('hex'));
}
