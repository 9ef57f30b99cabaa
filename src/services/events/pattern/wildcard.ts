// Wildcard patterns: `*` matches any run of characters, `\*` a literal star, `\\` a backslash.
// Matching is the two-pointer glob walk (no regular expressions, so no backtracking blow-up).

const MAX_STARS = 5;

export interface Glob { parts: string[] } // literal pieces between stars; parts.length - 1 stars

export function compileWildcard(text: string, fail: (reason: string) => never): Glob {
  const parts: string[] = [''];
  let previousStar = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${i}`);
      parts[parts.length - 1] += next;
      i++;
      previousStar = false;
    } else if (c === '*') {
      if (previousStar) fail(`Consecutive wildcard characters at pos ${i}`);
      parts.push('');
      previousStar = true;
    } else {
      parts[parts.length - 1] += c;
      previousStar = false;
    }
  }
  // AWS refuses patterns whose matching machine would grow too large; many stars is the usual cause.
  if (parts.length - 1 > MAX_STARS) fail('Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character');
  return { parts };
}

export function globMatches(glob: Glob, value: string): boolean {
  const { parts } = glob;
  if (parts.length === 1) return value === parts[0];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  // Middle pieces match greedily leftmost: the earliest place for each is always the best one.
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = value.indexOf(parts[i], at);
    if (found < 0 || found + parts[i].length > end) return false;
    at = found + parts[i].length;
  }
  return true;
}
