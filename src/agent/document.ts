// A command document as the agent runs it: its steps (schema 1.2's runtimeConfig plugins or 2.x's
// mainSteps) with {{ parameter }} references replaced by the values kanri sent.
export interface Step { action: string; stepName: string; id: string; inputs: any; onFailure?: string }

export function stepsOf(doc: any, parameters: Record<string, string[]>, types: Record<string, string>): Step[] {
  const steps: Step[] = [];
  if (Array.isArray(doc?.mainSteps)) {
    for (const s of doc.mainSteps) steps.push({ action: String(s.action), stepName: String(s.name), id: String(s.name), inputs: s.inputs ?? {}, onFailure: s.onFailure });
  } else if (doc?.runtimeConfig && typeof doc.runtimeConfig === 'object') {
    for (const [plugin, config] of Object.entries<any>(doc.runtimeConfig)) {
      const props = Array.isArray(config?.properties) ? config.properties : [config?.properties ?? {}];
      props.forEach((p: any, n: number) => steps.push({ action: plugin, stepName: plugin, id: String(p?.id ?? `${n}.${plugin}`), inputs: p ?? {} }));
    }
  }
  return steps.map((s) => ({ ...s, inputs: substitute(s.inputs, parameters, types) }));
}

const WHOLE = /^\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/;
const INSIDE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function substitute(value: any, parameters: Record<string, string[]>, types: Record<string, string>): any {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && Object.hasOwn(parameters, whole[1])) {
      const v = parameters[whole[1]];
      return types[whole[1]] === 'StringList' || types[whole[1]] === 'MapList' ? v : v.join('\n');
    }
    return value.replace(INSIDE, (m, name: string) => (Object.hasOwn(parameters, name) ? parameters[name].join('\n') : m));
  }
  if (Array.isArray(value)) return value.flatMap((v) => { const out = substitute(v, parameters, types); return Array.isArray(out) && typeof v === 'string' && WHOLE.test(v) ? out : [out]; });
  if (value && typeof value === 'object') {
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, parameters, types);
    return out;
  }
  return value;
}

/** Parameter types declared by the document, so list parameters stay lists. */
export function parameterTypes(doc: any): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, def] of Object.entries<any>(doc?.parameters ?? {})) out[name] = String(def?.type ?? 'String');
  return out;
}

/** Parameters given, plus the document's defaults for the rest (a nested document's own parameters). */
export function withDefaults(doc: any, given: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...given };
  for (const [name, def] of Object.entries<any>(doc?.parameters ?? {})) {
    if (Object.hasOwn(out, name) || def?.default === undefined) continue;
    out[name] = Array.isArray(def.default) ? def.default.map(String) : [typeof def.default === 'string' ? def.default : JSON.stringify(def.default)];
  }
  return out;
}
