// Who is calling: the account and principal behind an access key.
export interface Principal {
  type: 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser';
  accountId: string;
  arn: string;
  userId: string; // GetCallerIdentity's UserId / CloudTrail's principalId
  accessKeyId: string;
  userName?: string;
  sessionIssuer?: { type: string; principalId: string; arn: string; accountId: string; userName: string };
  /** Set when temporary credentials ran out: the gateway answers ExpiredToken. */
  expired?: boolean;
  /** When temporary credentials run out (ms, on the platform clock). */
  expiresAt?: number;
}

export const DEFAULT_ACCOUNT = '000000000000';

/** Resolves keys a service issued (STS session keys, IAM user keys). */
export type KeyResolver = (accessKeyId: string) => Principal | undefined;

export class Accounts {
  private resolvers: { pattern: RegExp; resolve: KeyResolver }[] = [];
  /** Resolved principals by access key: resolving one costs a query, and every request needs it. */
  private cache = new Map<string, Principal>();

  /** keyMap: access key → account id, from configuration (KANRI_ACCOUNTS="AKID=123456789012,..."). */
  constructor(private readonly keyMap: Record<string, string> = {}, private readonly now: () => number = Date.now) {}

  addResolver(pattern: RegExp, resolve: KeyResolver): void {
    this.resolvers.push({ pattern, resolve });
  }

  principalFor(accessKeyId: string): Principal {
    const cached = this.cache.get(accessKeyId);
    if (cached && !(cached.expiresAt !== undefined && cached.expiresAt <= this.now())) return cached;
    const principal = this.resolve(accessKeyId);
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
    this.cache.set(accessKeyId, principal);
    return principal;
  }

  /** Called after any change by a service that issues keys (IAM, STS): keys or their owners moved. */
  forgetResolvedKeys(): void {
    this.cache.clear();
  }

  private resolve(accessKeyId: string): Principal {
    for (const r of this.resolvers) {
      if (!r.pattern.test(accessKeyId)) continue;
      const p = r.resolve(accessKeyId);
      if (p) return p;
    }
    const mapped = Object.hasOwn(this.keyMap, accessKeyId) ? this.keyMap[accessKeyId] : undefined; // a key named "__proto__" is just a key
    const accountId = /^\d{12}$/.test(accessKeyId) ? accessKeyId : mapped ?? DEFAULT_ACCOUNT;
    return rootPrincipal(accountId, accessKeyId);
  }
}

const MAX_CACHED_KEYS = 10_000;

export function rootPrincipal(accountId: string, accessKeyId: string): Principal {
  return { type: 'Root', accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId, accessKeyId };
}

export function parseKeyMap(text: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const [key, account] = pair.split('=').map((s) => s.trim());
    if (key && /^\d{12}$/.test(account ?? '')) map[key] = account;
  }
  return map;
}
