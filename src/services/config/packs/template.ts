// A conformance pack template (YAML or JSON, CloudFormation's format) resolved into the Config rules
// it deploys: Parameters with defaults and the pack's input parameters, Conditions, Fn::If / Equals /
// Not / And / Or, Ref to parameters and pseudo parameters (AWS::NoValue drops a value), Fn::Sub and
// Fn::Join. Resources other than AWS::Config::ConfigRule are refused.
import { AwsError } from '../../../protocol/errors';
import { parseYaml, YamlError } from './yaml';

export const invalidTemplate = (message: string) => new AwsError('ConformancePackTemplateValidationException', message);

export interface PackEnv { accountId: string; region: string; partition: string; stackName: string }

/** One AWS::Config::ConfigRule of the template, as PutConfigRule would take it (name before the pack's suffix). */
export interface TemplateRule { logicalId: string; rule: Record<string, any> }

const NO_VALUE = Symbol('AWS::NoValue');
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Conditions', 'Resources', 'Mappings', 'Outputs', 'Transform', 'Rules']);
const RULE_PROPERTIES = new Set(['ConfigRuleName', 'Description', 'InputParameters', 'MaximumExecutionFrequency', 'Scope', 'Source', 'EvaluationModes', 'Compliance']);
const MAX_TEMPLATE_BYTES = 51_200;

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseTemplate(body: string): Record<string, any> {
  if (Buffer.byteLength(body) > MAX_TEMPLATE_BYTES) throw invalidTemplate(`Template may not exceed ${MAX_TEMPLATE_BYTES} bytes in size.`);
  let doc: unknown;
  try {
    doc = body.trimStart().startsWith('{') ? JSON.parse(body) : parseYaml(body);
  } catch (err) {
    const why = err instanceof YamlError || err instanceof SyntaxError ? err.message : 'unreadable';
    throw invalidTemplate(`Template format error: ${why}`);
  }
  if (!isObject(doc)) throw invalidTemplate('Template format error: not a valid template: the template must be a YAML or JSON object.');
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key)) throw invalidTemplate(`Template format error: Unrecognized template section ${key}.`);
  if (!isObject(doc.Resources) || !Object.keys(doc.Resources).length) throw invalidTemplate('Template format error: At least one Resources member must be defined.');
  return doc;
}

/** The values of the template's parameters: the pack's input parameters over the defaults. */
function parameterValues(doc: Record<string, any>, given: { ParameterName: string; ParameterValue: string }[]): Map<string, unknown> {
  const declared = isObject(doc.Parameters) ? doc.Parameters : {};
  const values = new Map<string, unknown>();
  const unknown = given.filter((p) => !Object.hasOwn(declared, p.ParameterName)).map((p) => p.ParameterName);
  if (unknown.length) throw invalidTemplate(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    if (!isObject(spec) || typeof spec.Type !== 'string') throw invalidTemplate(`Template format error: Every Parameters object must contain a Type member.`);
    const input = given.find((p) => p.ParameterName === name);
    const raw = input ? input.ParameterValue : spec.Default;
    if (raw === undefined || raw === null) { missing.push(name); continue; }
    const text = Array.isArray(raw) ? raw.join(',') : String(raw);
    if (Array.isArray(spec.AllowedValues) && !spec.AllowedValues.map(String).includes(text)) {
      throw invalidTemplate(`Parameter '${name}' must be one of AllowedValues`);
    }
    if (spec.Type === 'Number' && !/^[-+]?\d+(\.\d+)?$/.test(text)) throw invalidTemplate(`Parameter '${name}' must be a number.`);
    values.set(name, spec.Type === 'CommaDelimitedList' || spec.Type.startsWith('List<') ? text.split(',').map((s) => s.trim()) : text);
  }
  if (missing.length) throw invalidTemplate(`Parameters: [${missing.join(', ')}] must have values`);
  return values;
}

class Resolver {
  private conditions = new Map<string, boolean>();
  private evaluating = new Set<string>();
  constructor(private doc: Record<string, any>, private params: Map<string, unknown>, private env: PackEnv) {}

  condition(name: string): boolean {
    if (this.conditions.has(name)) return this.conditions.get(name)!;
    const all = isObject(this.doc.Conditions) ? this.doc.Conditions : {};
    if (!Object.hasOwn(all, name)) throw invalidTemplate(`Template format error: Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`);
    if (this.evaluating.has(name)) throw invalidTemplate(`Template format error: Circular dependency between conditions: [${name}]`);
    this.evaluating.add(name);
    const value = this.truth(all[name]);
    this.evaluating.delete(name);
    this.conditions.set(name, value);
    return value;
  }

  private truth(expr: unknown): boolean {
    if (isObject(expr) && Object.keys(expr).length === 1) {
      const [fn, arg] = Object.entries(expr)[0];
      if (fn === 'Condition' && typeof arg === 'string') return this.condition(arg);
      if (fn === 'Fn::Equals' && Array.isArray(arg) && arg.length === 2) return String(this.value(arg[0])) === String(this.value(arg[1]));
      if (fn === 'Fn::Not' && Array.isArray(arg) && arg.length === 1) return !this.truth(arg[0]);
      if ((fn === 'Fn::And' || fn === 'Fn::Or') && Array.isArray(arg) && arg.length >= 2 && arg.length <= 10) {
        const parts = arg.map((a) => this.truth(a));
        return fn === 'Fn::And' ? parts.every(Boolean) : parts.some(Boolean);
      }
    }
    throw invalidTemplate('Template error: every Conditions member must be a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition).');
  }

  private ref(name: string): unknown {
    if (this.params.has(name)) return this.params.get(name);
    switch (name) {
      case 'AWS::NoValue': return NO_VALUE;
      case 'AWS::AccountId': return this.env.accountId;
      case 'AWS::Region': return this.env.region;
      case 'AWS::Partition': return this.env.partition;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return this.env.stackName;
      default: throw invalidTemplate(`Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`);
    }
  }

  /** A property value with its intrinsic functions applied; NO_VALUE where AWS::NoValue removes it. */
  value(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x)).filter((x) => x !== NO_VALUE);
    if (!isObject(v)) return v;
    const keys = Object.keys(v);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      const arg = v[keys[0]];
      switch (keys[0]) {
        case 'Ref':
          if (typeof arg !== 'string') throw invalidTemplate('Template error: Ref must be a string.');
          return this.ref(arg);
        case 'Fn::If':
          if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') throw invalidTemplate('Template error: Fn::If requires a list argument with three elements.');
          return this.value(this.condition(arg[0]) ? arg[1] : arg[2]);
        case 'Fn::Join': {
          if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') throw invalidTemplate('Template error: every Fn::Join object requires two parameters.');
          const list = this.value(arg[1]);
          if (!Array.isArray(list)) throw invalidTemplate('Template error: Fn::Join requires a list of values.');
          return list.map(String).join(arg[0]);
        }
        case 'Fn::Sub': {
          if (typeof arg !== 'string') throw invalidTemplate('Template error: kanri supports the string form of Fn::Sub only.');
          return arg.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
            const r = this.ref(name.trim());
            return Array.isArray(r) ? r.join(',') : String(r === NO_VALUE ? '' : r);
          });
        }
        default:
          throw invalidTemplate(`Template error: ${keys[0]} is not supported in a conformance pack template.`);
      }
    }
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v)) {
      const r = this.value(x);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }
}

/** The template's rules, resolved (only those whose Condition holds). */
export function templateRules(doc: Record<string, any>, given: { ParameterName: string; ParameterValue: string }[], env: PackEnv): TemplateRule[] {
  const r = new Resolver(doc, parameterValues(doc, given), env);
  const out: TemplateRule[] = [];
  for (const [logicalId, res] of Object.entries(doc.Resources as Record<string, any>)) {
    if (!isObject(res) || typeof res.Type !== 'string') throw invalidTemplate(`Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`);
    if (res.Type !== 'AWS::Config::ConfigRule') {
      throw invalidTemplate(`The template has a resource of type ${res.Type}: kanri deploys only AWS::Config::ConfigRule resources in a conformance pack.`);
    }
    if (typeof res.Condition === 'string' && !r.condition(res.Condition)) continue;
    const props = r.value(res.Properties ?? {}) as Record<string, any>;
    for (const k of Object.keys(props)) if (!RULE_PROPERTIES.has(k)) throw invalidTemplate(`Resource ${logicalId}: encountered unsupported property ${k}`);
    if (!isObject(props.Source)) throw invalidTemplate(`Resource ${logicalId}: required key [Source] not found`);
    const rule: Record<string, any> = { ...props };
    delete rule.Compliance;
    if (rule.ConfigRuleName === undefined) rule.ConfigRuleName = logicalId;
    if (isObject(rule.InputParameters)) {
      // Config keeps InputParameters as a JSON text of string values.
      const params: Record<string, string> = {};
      for (const [k, x] of Object.entries(rule.InputParameters)) params[k] = Array.isArray(x) ? x.join(',') : typeof x === 'object' ? JSON.stringify(x) : String(x);
      rule.InputParameters = JSON.stringify(params);
    }
    out.push({ logicalId, rule });
  }
  if (!out.length) throw invalidTemplate('The template deploys no Config rules.');
  return out;
}
