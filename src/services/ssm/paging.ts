// Opaque NextTokens: the last key a page returned, encoded, so a token only resumes where it was made.
import { invalidNextToken } from './errors';

const PREFIX = 'kanri1:';

export function decodeToken(token: string | undefined, invalid: () => Error = invalidNextToken): string {
  if (token === undefined) return '';
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || Buffer.from(text, 'utf8').toString('base64url') !== token) throw invalid();
  return text.slice(PREFIX.length);
}

export function encodeToken(last: string): string {
  return Buffer.from(PREFIX + last, 'utf8').toString('base64url');
}
