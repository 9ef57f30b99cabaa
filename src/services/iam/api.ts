// What other services may ask IAM (through services/links.ts): the account facts AWS Config's
// account-level rules read (password policy, account summary, access keys, credential report).
import { partitionOf } from '../../core/arn';
import type { Platform } from '../../core/platform';
import { summaryMap } from './ops/account';
import { reportRows } from './ops/credential-report';
import { allEntities } from './store';
import { keysOfUser } from './store-keys';
import { passwordPolicy } from './store-security';

export function accountFacts(platform: Platform, accountId: string, region: string) {
  const storage = platform.storage;
  return {
    passwordPolicy: () => passwordPolicy(storage, accountId) ?? null,
    accountSummary: () => summaryMap(storage, accountId),
    accessKeys(userName: string) {
      const user = allEntities(storage, 'user', accountId).find((u) => u.name.toLowerCase() === userName.toLowerCase());
      return user ? keysOfUser(storage, user.id).map((k) => ({ accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate })) : [];
    },
    credentialReport() {
      const [header, ...rows] = reportRows(storage, accountId, partitionOf(region));
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    },
  };
}
