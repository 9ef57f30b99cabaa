// How one service reaches another's exported functions (its api.ts) without a hard import: the
// other service may be absent from a build, and loading it lazily keeps start-up fast.
import { AwsError } from '../protocol/errors';

/** The service's api.ts exports, or undefined when that service is not part of this build. */
export function serviceApi<T>(service: string): T | undefined {
  try {
    return require(`./${service}/api`) as T;
  } catch (err) {
    if ((err as { code?: string }).code === 'MODULE_NOT_FOUND' && (err as Error).message.includes(`/${service}/api`)) return undefined;
    throw err;
  }
}


/** The service's exports, or an error a delivery records (a 4xx: trying again will not help). */
export function requireApi<T>(service: string): T {
  const api = serviceApi<T>(service);
  if (!api) throw new AwsError('InvalidArgument', `${service} is not available in this kanri build`, 400);
  return api;
}
