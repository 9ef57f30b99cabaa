// Page size and NextToken for advanced queries. The token is opaque to clients: the offset of the
// next result, bound to the expression it was issued for.
import { createHash } from 'node:crypto';
import { invalidLimit, invalidNextToken } from './errors';

/** AWS's default page sizes when neither Limit nor MaxResults is given (or they are 0). */
export const DEFAULT_PAGE_SIZE = 25;
export const DEFAULT_AGGREGATE_PAGE_SIZE = 500;
export const MAX_LIMIT = 100;

export function pageSize(limit: number | undefined, aggregate: boolean): number {
  if (limit === undefined || limit === null) return aggregate ? DEFAULT_AGGREGATE_PAGE_SIZE : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) throw invalidLimit(limit);
  if (limit === 0) return aggregate ? DEFAULT_AGGREGATE_PAGE_SIZE : DEFAULT_PAGE_SIZE;
  return limit;
}

function expressionHash(expression: string): string {
  return createHash('sha256').update(expression).digest('base64url').slice(0, 16);
}

export function encodeNextToken(expression: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: expressionHash(expression) })).toString('base64url');
}

/** The offset a token points at; a token from another expression, or not one of ours, is invalid. */
export function decodeNextToken(expression: string, token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  const { o, q } = (parsed ?? {}) as { o?: unknown; q?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || q !== expressionHash(expression)) throw invalidNextToken();
  return o;
}
