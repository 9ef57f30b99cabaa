// IAM's wildcards (* any run of characters, ? one character) and policy variables (${aws:username}).
import type { RequestContextValues } from './context';

/** A pattern position: a literal character, * (any run) or ? (any one character). */
type GlobToken = string | typeof STAR | typeof ONE;
const STAR = Symbol('*');
const ONE = Symbol('?');

/**
 * Matches without regexes: a greedy walk that backtracks only to the last *, so time stays
 * O(pattern × value) whatever the pattern (a regex of many * can take exponential time).
 */
function globMatch(tokens: GlobToken[], value: string, ignoreCase: boolean): boolean {
  const v = ignoreCase ? value.toLowerCase() : value;
  let p = 0;
  let i = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (i < v.length) {
    const t = tokens[p];
    if (t === ONE || (typeof t === 'string' && t === v[i])) {
      p++;
      i++;
    } else if (t === STAR) {
      starAt = p++;
      resumeAt = i;
    } else if (starAt >= 0) {
      p = starAt + 1;
      i = ++resumeAt;
    } else {
      return false;
    }
  }
  while (tokens[p] === STAR) p++;
  return p === tokens.length;
}

function tokensOf(pattern: string, ignoreCase: boolean): GlobToken[] {
  return [...(ignoreCase ? pattern.toLowerCase() : pattern)].map((c) => (c === '*' ? STAR : c === '?' ? ONE : c));
}

/** * and ? as wildcards; actions compare case-insensitively, resources do not. */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  return globMatch(tokensOf(pattern, ignoreCase), value, ignoreCase);
}

/**
 * Replaces ${key} with the context's single value. ${*}, ${?} and ${$} stand for the literal
 * characters, which then must not act as wildcards: they come back marked with \u0000.
 * Returns undefined when a variable has no value: the element cannot match (AWS's rule), and the
 * key is added to missing.
 */
export function substituteVariables(text: string, context: RequestContextValues, missing: Set<string>): { pattern: string; literals: boolean } | undefined {
  if (!text.includes('${')) return { pattern: text, literals: false };
  let literals = false;
  let failed = false;
  const pattern = text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    const [rawKey, fallback] = name.split(',').map((s) => s.trim());
    if (rawKey === '*' || rawKey === '?' || rawKey === '$') {
      literals = true;
      return `\u0000${rawKey}`;
    }
    const entry = context.get(rawKey.toLowerCase());
    if (entry && entry.values.length === 1) return entry.values[0];
    if (fallback !== undefined) return fallback.replace(/^'|'$/g, '');
    missing.add(rawKey);
    failed = true;
    return '';
  });
  return failed ? undefined : { pattern, literals };
}

/** Matches a pattern that may contain variables; literal ${*}/${?} are compared as characters. */
export function matchesWithVariables(pattern: string, value: string, context: RequestContextValues, missing: Set<string>, ignoreCase = false): boolean {
  const resolved = substituteVariables(pattern, context, missing);
  if (!resolved) return false;
  if (!resolved.literals) return matchesWildcard(resolved.pattern, value, ignoreCase);
  // ${*}, ${?} and ${$} were marked with \u0000 and stand for themselves, not for wildcards.
  const tokens = resolved.pattern.split(/(\u0000.)/).flatMap((part) =>
    part.startsWith('\u0000') ? [ignoreCase ? part[1].toLowerCase() : part[1]] : tokensOf(part, ignoreCase));
  return globMatch(tokens, value, ignoreCase);
}
