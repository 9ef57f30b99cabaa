// IAM's wildcards (* any run of characters, ? one character) and policy variables (${aws:username}).
import type { RequestContextValues } from './context';

const cache = new Map<string, RegExp>();

function escapeRegex(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

/** A matcher for a pattern with * and ?; actions compare case-insensitively, resources do not. */
export function wildcardRegex(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(key);
  if (!re) {
    const body = pattern.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegex(c))).join('');
    re = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    if (cache.size > 5000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  return wildcardRegex(pattern, ignoreCase).test(value);
}

/**
 * Replaces ${key} with the context's single value. ${*}, ${?} and ${$} stand for the literal
 * characters, which then must not act as wildcards, so they come back escaped in a regex source.
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
  const body = resolved.pattern.split(/(\u0000.)/).map((part) => {
    if (part.startsWith('\u0000')) return escapeRegex(part[1]);
    return part.split('').map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegex(c))).join('');
  }).join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '').test(value);
}
