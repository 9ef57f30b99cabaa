// Daily recording: changes to types recorded DAILY wait in config_daily_pending and become one item
// per resource when the day's job runs, with the day's related events.
import type { Platform } from '../../core/platform';
import type { Row } from '../../storage/database';
import { listRecorders } from './store';
import { recordChange, type Change, type Recorded } from './recorder';
import { frequencyOf } from './recording-group';
import { itemsRecorded } from './listeners';

export function armDaily(platform: Platform): void {
  platform.scheduler.every('config:daily', 'rate(1 day)', () => flushDaily(platform));
}

export function flushDaily(platform: Platform): void {
  if (!platform.storage.db.open) return;
  const s = platform.storage;
  const recorded = s.transaction(() => {
    const out: Recorded[] = [];
    for (const row of s.stmt('SELECT * FROM config_daily_pending').all() as Row[]) {
      const scope = { accountId: row.account_id, region: row.region };
      const change = JSON.parse(row.change_json) as Change;
      const r = listRecorders(s, scope).find((x) => !x.servicePrincipal);
      s.stmt('DELETE FROM config_daily_pending WHERE account_id = ? AND region = ? AND resource_type = ? AND resource_id = ?')
        .run(row.account_id, row.region, row.resource_type, row.resource_id);
      if (!r) continue;
      out.push(...recordChange(platform, scope, { ...change, time: platform.clock.date().toISOString() }, frequencyOf(r, change.resourceType)));
    }
    return out;
  });
  itemsRecorded(platform, recorded);
}
