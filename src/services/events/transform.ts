// What a target receives: the whole event, a constant Input, the part of the event an InputPath
// selects, or an InputTransformer's template with <placeholders> filled from InputPathsMap.
// Pure: no storage, unit-tested in transform.test.ts.

export interface TargetInput {
  Id: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

export interface RuleInfo { ruleArn: string; ruleName: string; ingestionTime: string }

const PREDEFINED = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json'];
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

/** A JSONPath as AWS accepts it ($, $.a.b, $.a[0], $['a b']) as steps, or undefined if malformed. */
export function parsePath(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: (string | number)[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let at = 1;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) return undefined;
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3] ?? m[4]));
    at = re.lastIndex;
  }
  return steps;
}

export function select(value: unknown, steps: (string | number)[]): unknown {
  let v: any = value;
  for (const s of steps) {
    if (typeof s === 'number') v = Array.isArray(v) ? v[s] : undefined;
    else v = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, s) ? v[s] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/** The PutTargets checks on a target's input; returns AWS's message for the first problem. */
export function inputProblem(t: TargetInput): string | undefined {
  const given = [t.Input, t.InputPath, t.InputTransformer].filter((x) => x !== undefined).length;
  if (given > 1) return `Only one of Input, InputPath, or InputTransformer must be provided for target ${t.Id}.`;
  if (t.Input !== undefined) {
    try {
      JSON.parse(t.Input);
    } catch {
      return 'Parameter Input is not valid.';
    }
  }
  if (t.InputPath !== undefined && !parsePath(t.InputPath)) return 'Parameter InputPath is not valid.';
  const tr = t.InputTransformer;
  if (tr) {
    const map = tr.InputPathsMap ?? {};
    const keys = Object.keys(map);
    if (keys.length > 100) return 'Parameter InputPathsMap is not valid. Reason: InputPathsMap can contain at most 100 entries.';
    for (const key of keys) {
      if (key.startsWith('aws.')) return `Parameter InputPathsMap is not valid. Reason: ${key} is a reserved key name.`;
      if (!parsePath(map[key])) return `Parameter InputPathsMap is not valid. Reason: ${map[key]} is not a valid JSON path.`;
    }
    for (const m of tr.InputTemplate.matchAll(PLACEHOLDER)) {
      if (!Object.hasOwn(map, m[1]) && !PREDEFINED.includes(m[1])) return `InputTemplate for target ${t.Id} contains invalid placeholder ${m[1]}.`;
    }
  }
  return undefined;
}

/** The text delivered to the target for this event. */
export function renderInput(t: TargetInput, event: Record<string, any>, rule: RuleInfo): string {
  if (t.Input !== undefined) return t.Input;
  if (t.InputPath !== undefined) {
    const v = select(event, parsePath(t.InputPath) ?? []);
    return v === undefined ? '' : JSON.stringify(v);
  }
  if (!t.InputTransformer) return JSON.stringify(event);
  return fillTemplate(t.InputTransformer.InputTemplate, (name) => placeholderValue(name, t.InputTransformer!.InputPathsMap ?? {}, event, rule));
}

function placeholderValue(name: string, map: Record<string, string>, event: Record<string, any>, rule: RuleInfo): unknown {
  if (Object.hasOwn(map, name)) return select(event, parsePath(map[name]) ?? []);
  switch (name) {
    case 'aws.events.rule-arn': return rule.ruleArn;
    case 'aws.events.rule-name': return rule.ruleName;
    case 'aws.events.event.ingestion-time': return rule.ingestionTime;
    case 'aws.events.event.json': return event;
    case 'aws.events.event': {
      // The original event without its detail, as AWS hands it to templates.
      const { detail: _detail, 'detail-type': detailType, ...rest } = event;
      return { ...rest, detailType };
    }
    default: return undefined;
  }
}

/**
 * Fills placeholders. Inside a JSON string ("...<x>...") a value is written as plain text, and an
 * object or list in AWS's unquoted form ({a:1,b:x}, [A,B]); elsewhere it is written as JSON.
 * A path that selects nothing becomes an empty string.
 */
export function fillTemplate(template: string, valueOf: (name: string) => unknown): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '<') {
      const m = new RegExp(PLACEHOLDER.source, 'y');
      m.lastIndex = i;
      const found = m.exec(template);
      if (found) {
        const v = valueOf(found[1]);
        out += inString ? plainText(v, true) : v === undefined ? '""' : JSON.stringify(v);
        i += found[0].length - 1;
        continue;
      }
    }
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c;
  }
  return out;
}

function plainText(v: unknown, escape: boolean): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return escape ? JSON.stringify(v).slice(1, -1) : v;
  if (Array.isArray(v)) return `[${v.map((x) => plainText(x, escape)).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${plainText(k, escape)}:${plainText(x, escape)}`).join(',')}}`;
  return String(v);
}
