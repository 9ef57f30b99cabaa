// SendCommand's Parameters checked against the document's declared parameters (type, allowed
// values and pattern, item and character limits), with defaults filled in as the agent needs them.
import { AwsError } from '../../../protocol/errors';

const invalid = (message: string) => new AwsError('InvalidParameters', message);

interface Declared {
  type?: string; default?: unknown; allowedValues?: string[]; allowedPattern?: string;
  minItems?: number; maxItems?: number; minChars?: number; maxChars?: number;
}

function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  if (v === undefined || v === null) return [];
  return [typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)];
}

export function checkParameters(declaredRaw: unknown, given: Record<string, string[]> | undefined): Record<string, string[]> {
  const declared: Record<string, Declared> = declaredRaw && typeof declaredRaw === 'object' ? declaredRaw as Record<string, Declared> : {};
  const out: Record<string, string[]> = Object.create(null);
  for (const name of Object.keys(given ?? {})) {
    if (!Object.hasOwn(declared, name)) throw invalid(`Parameter "${name}" is not defined in the document.`);
  }
  for (const [name, def] of Object.entries(declared)) {
    const has = given && Object.hasOwn(given, name);
    if (!has && def.default === undefined) throw invalid(`Parameter "${name}" is required by the document but was not given.`);
    const values = has ? given![name] : asList(def.default);
    const type = def.type ?? 'String';
    if ((type === 'String' || type === 'Integer' || type === 'Boolean') && values.length > 1) {
      throw invalid(`Parameter "${name}" is of type ${type} and takes one value.`);
    }
    if (type === 'Integer' && has && values.some((v) => !/^-?\d+$/.test(v))) throw invalid(`Parameter "${name}" must be an integer.`);
    if (type === 'Boolean' && has && values.some((v) => !/^(true|false)$/i.test(v))) throw invalid(`Parameter "${name}" must be true or false.`);
    if (has) {
      if (def.minItems !== undefined && values.length < def.minItems) throw invalid(`Parameter "${name}" needs at least ${def.minItems} items.`);
      if (def.maxItems !== undefined && values.length > def.maxItems) throw invalid(`Parameter "${name}" takes at most ${def.maxItems} items.`);
      for (const v of values) {
        if (def.allowedValues && !def.allowedValues.includes(v)) throw invalid(`Parameter "${name}" value "${v}" is not one of its allowed values.`);
        if (def.allowedPattern && !patternMatches(def.allowedPattern, v)) throw invalid(`Parameter "${name}" value "${v}" does not match its allowed pattern.`);
        if (def.minChars !== undefined && v.length < def.minChars) throw invalid(`Parameter "${name}" value is shorter than ${def.minChars} characters.`);
        if (def.maxChars !== undefined && v.length > def.maxChars) throw invalid(`Parameter "${name}" value is longer than ${def.maxChars} characters.`);
      }
    }
    out[name] = values;
  }
  return out;
}

/** Documents' patterns are Java regexes meant to match the whole value. */
function patternMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true; // a pattern JavaScript cannot read is not the caller's fault
  }
}
