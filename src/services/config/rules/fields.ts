// Reading configuration items tolerantly. AWS's items are camelCase, but some of kanri's services
// record PascalCase documents (IAM, KMS, CloudTrail) or camelCase where AWS uses PascalCase (SNS,
// SQS attributes): rules name the AWS field and also accept the other casing.
import { RuleEvaluationError, type ConfigurationItem, type Evaluation, type ComplianceType } from './types';

const flip = (name: string): string =>
  name[0] === name[0].toLowerCase() ? name[0].toUpperCase() + name.slice(1) : name[0].toLowerCase() + name.slice(1);

/** obj[name], or obj[Name]/obj[nAME] with the first letter's case flipped. */
export function field(obj: any, name: string): any {
  if (obj == null || typeof obj !== 'object') return undefined;
  if (Object.hasOwn(obj, name)) return obj[name];
  const other = flip(name);
  return Object.hasOwn(obj, other) ? obj[other] : undefined;
}

/** Follows a dotted path with field() at each step. */
export function path(obj: any, dotted: string): any {
  let cur = obj;
  for (const part of dotted.split('.')) cur = field(cur, part);
  return cur;
}

export const list = (value: any): any[] => (Array.isArray(value) ? value : value == null ? [] : [value]);

/** true/"true"/"TRUE" as a boolean. */
export const truthy = (value: any): boolean => value === true || (typeof value === 'string' && value.toLowerCase() === 'true');

/** A supplementary configuration entry: on the item, or (as kanri's S3 records it) inside configuration. */
export function supplementary(item: ConfigurationItem, name: string): any {
  const value = field(item.supplementaryConfiguration, name) ?? field(field(item.configuration, 'supplementaryConfiguration'), name);
  if (typeof value === 'string') {
    try {
      return JSON.parse(value); // AWS delivers some entries (AccessControlList) as JSON text
    } catch {
      return value;
    }
  }
  return value;
}

/** The item's tags as a map: item.tags, or configuration.tags as a map or a [{key, value}] list. */
export function tagsOf(item: ConfigurationItem): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const sources = [item.tags, field(item.configuration, 'tags'), field(item.configuration, 'tagList')];
  for (const source of sources) {
    if (Array.isArray(source)) {
      for (const t of source) if (t && typeof t === 'object') out[String(field(t, 'key'))] = String(field(t, 'value') ?? '');
    } else if (source && typeof source === 'object') {
      for (const [k, v] of Object.entries(source)) out[k] = String(v ?? '');
    }
  }
  return out;
}

/** An IAM policy document: JSON text, URL-encoded JSON text (as IAM and Config deliver it) or an object. */
export function policyDocument(value: any): any {
  if (value && typeof value === 'object') return value;
  if (typeof value !== 'string' || value === '') return undefined;
  for (const text of [value, safeDecode(value)]) {
    try {
      return JSON.parse(text);
    } catch {
      /* try the next form */
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function verdict(item: Pick<ConfigurationItem, 'resourceType' | 'resourceId'>, complianceType: ComplianceType, annotation?: string): Evaluation[] {
  return [{ resourceType: item.resourceType, resourceId: item.resourceId, complianceType, ...(annotation ? { annotation } : {}) }];
}

export const compliant = (item: ConfigurationItem, annotation?: string) => verdict(item, 'COMPLIANT', annotation);
export const nonCompliant = (item: ConfigurationItem, annotation?: string) => verdict(item, 'NON_COMPLIANT', annotation);
export const notApplicable = (item: ConfigurationItem, annotation?: string) => verdict(item, 'NOT_APPLICABLE', annotation);

/** A CSV parameter as trimmed, non-empty values. */
export const csv = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** An int parameter; an unusable value is the rule's error, not a verdict. */
export function intParam(params: Record<string, string>, name: string): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new ParamError(name, raw);
  return n;
}

export class ParamError extends RuleEvaluationError {
  constructor(name: string, raw: string) {
    super(`The value '${raw}' of parameter ${name} is not a valid integer.`, 'InvalidParameterValue');
  }
}
