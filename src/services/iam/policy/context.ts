// The request context a policy is evaluated against: condition keys (case-insensitive) and values.

export type ContextKeyType = 'string' | 'stringList' | 'numeric' | 'numericList' | 'boolean' | 'booleanList'
  | 'ip' | 'ipList' | 'binary' | 'binaryList' | 'date' | 'dateList';

export interface ContextValue { type: ContextKeyType; values: string[] }

/** Keyed by the lower-cased key name. */
export type RequestContextValues = Map<string, ContextValue>;

export interface ContextEntry { ContextKeyName?: string; ContextKeyType?: ContextKeyType; ContextKeyValues?: string[] }

/** The simulator's ContextEntries as a context; later entries for a key replace earlier ones. */
export function contextFromEntries(entries: ContextEntry[] | undefined): RequestContextValues {
  const context: RequestContextValues = new Map();
  for (const e of entries ?? []) {
    if (!e.ContextKeyName) continue;
    context.set(e.ContextKeyName.toLowerCase(), { type: e.ContextKeyType ?? 'string', values: e.ContextKeyValues ?? [] });
  }
  return context;
}

/** A context from plain key → value(s), for tests and for services that evaluate policies. */
export function contextOf(values: Record<string, string | string[]>): RequestContextValues {
  const context: RequestContextValues = new Map();
  for (const [key, v] of Object.entries(values)) {
    context.set(key.toLowerCase(), { type: Array.isArray(v) ? 'stringList' : 'string', values: Array.isArray(v) ? v : [v] });
  }
  return context;
}
