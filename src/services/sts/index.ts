// STS: who am I, and temporary credentials that act as a role's account.
import type { ServicePlugin } from '../types';
import { findSession, STS_MIGRATIONS } from './store';
import { assumeRole, getCallerIdentity, getAccessKeyInfo, getFederationToken, getSessionToken } from './ops/credentials';

const sts: ServicePlugin = {
  name: 'sts',
  migrations: STS_MIGRATIONS,
  validationErrorCode: 'ValidationError',
  handlers: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
    GetSessionToken: getSessionToken,
    GetFederationToken: getFederationToken,
    GetAccessKeyInfo: getAccessKeyInfo,
  },
  readOnlyOperations: ['GetCallerIdentity', 'GetAccessKeyInfo'],
  resolveAccessKey(platform, accessKeyId) {
    const session = findSession(platform.storage, accessKeyId);
    if (!session) return undefined;
    if (session.expiration <= platform.clock.now()) return { ...session.principal, expired: true };
    return { ...session.principal, expiresAt: session.expiration };
  },
};

export default sts;
