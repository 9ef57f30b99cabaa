// Where each statement sits in a policy's text, for the simulator's StartPosition/EndPosition.
// A small scanner over already-valid JSON: it only tracks nesting, strings and line/column.

export interface Position { line: number; column: number }
export interface Span { start: Position; end: Position }

/** Spans of the top-level Statement's elements (one span when Statement is a single object). */
export function statementSpans(text: string): Span[] {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at: number): Position => ({ line, column: at - lineStart + 1 });

  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === '\n') { line++; lineStart = i + 1; }
      i++;
    }
  };
  const readString = (): string => {
    const from = ++i;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return JSON.parse(`"${text.slice(from, i++)}"`) as string;
  };
  // Skips one value and returns its span; nested newlines move the line counter.
  const skipValue = (): Span => {
    skipSpace();
    const start = pos(i);
    if (text[i] === '"') readString();
    else if (text[i] === '{' || text[i] === '[') {
      const close = text[i] === '{' ? '}' : ']';
      i++;
      skipSpace();
      while (text[i] !== close) {
        if (close === '}') { readString(); skipSpace(); i++; }
        skipValue();
        skipSpace();
        if (text[i] === ',') i++;
        skipSpace();
      }
      i++;
    } else while (i < text.length && /[^,\]}\s]/.test(text[i])) i++;
    return { start, end: pos(i) };
  };

  skipSpace();
  if (text[i] !== '{') return [];
  i++;
  for (;;) {
    skipSpace();
    if (text[i] !== '"') return [];
    const key = readString();
    skipSpace();
    i++; // the colon
    skipSpace();
    if (key !== 'Statement') {
      skipValue();
      skipSpace();
      if (text[i] !== ',') return [];
      i++;
      continue;
    }
    if (text[i] !== '[') return [skipValue()];
    i++;
    const spans: Span[] = [];
    skipSpace();
    while (i < text.length && text[i] !== ']') {
      spans.push(skipValue());
      skipSpace();
      if (text[i] === ',') i++;
      skipSpace();
    }
    return spans;
  }
}
