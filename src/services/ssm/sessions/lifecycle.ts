// Sessions open when kanri stopped lost their WebSockets with it (the agent ends its shell when its
// data channel drops), so at start they are Terminated, as AWS ends a session whose agent went away.
import type { Platform } from '../../../core/platform';
import { openSessions, setSessionStatus } from './store';

export function endOrphanedSessions(platform: Platform): void {
  const now = platform.clock.now();
  platform.storage.transaction(() => {
    for (const s of openSessions(platform.storage)) setSessionStatus(platform.storage, s, 'Terminated', now);
  });
}
