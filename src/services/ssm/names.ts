// Parameter names: AWS's naming rules, the stored key, the parent path (for OneLevel queries),
// ARNs and the `name:version` / `name:label` selectors.
import { arn, parseArn } from '../../core/arn';
import { accessDenied, hierarchyTooDeep, memberInvalid, validation } from './errors';

export const MAX_LEVELS = 15;
const MAX_NAME = 1011;
const CHARS = /^[a-zA-Z0-9_.\-/]+$/;
const PATH_RULES = 'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash '
  + 'symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';
const PREFIX_RULE = 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).';

/**
 * The key a parameter is stored under. AWS treats `/name` and `name` as one parameter when the
 * name has no further level, so both map to `name`.
 */
export function keyOf(name: string): string {
  return name.startsWith('/') && name.indexOf('/', 1) === -1 ? name.slice(1) : name;
}

/** The path a parameter sits in: `/a/b` for `/a/b/c`, `/` for a top-level name. */
export function parentOf(key: string): string {
  const i = key.lastIndexOf('/');
  return i <= 0 ? '/' : key.slice(0, i);
}

export function levelsOf(key: string): number {
  return key.split('/').filter(Boolean).length;
}

export function isPublicName(name: string): boolean {
  return /^\/aws\//i.test(name) || /^aws\//i.test(name);
}

/** PutParameter's checks on a name, in the order AWS reports them. */
export function checkNewName(name: string): void {
  const lower = name.toLowerCase();
  const bare = lower.replace(/^\//, '');
  const isPath = name.indexOf('/', 1) !== -1;
  if (lower.startsWith('/aws/') && isPath) throw accessDenied(`No access to reserved parameter name: ${name}.`);
  if (bare.startsWith('aws') || bare.startsWith('ssm')) throw validation(isPath ? PATH_RULES : PREFIX_RULE);
  if (name.length > MAX_NAME) throw memberInvalid(name, 'name', `Member must have length less than or equal to ${MAX_NAME}`);
  if (name.includes('/') && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.');
  if (!CHARS.test(name) || name.includes('//') || (name.length > 1 && name.endsWith('/')) || name === '/') throw validation(PATH_RULES);
  if (levelsOf(name) > MAX_LEVELS) throw hierarchyTooDeep();
}

export function parameterArn(region: string, accountId: string, name: string): string {
  return arn('ssm', region, accountId, `parameter/${name.replace(/^\//, '')}`);
}

export interface Selector { name: string; version?: number; label?: string; selector?: string }

/** `name`, `name:3`, `name:label`, or the parameter's ARN with the same suffixes. */
export function parseSelector(text: string): Selector {
  let body = text;
  if (text.startsWith('arn:')) {
    const parsed = parseArn(text);
    const resource = parsed?.service === 'ssm' && parsed.resource.startsWith('parameter/') ? parsed.resource.slice('parameter/'.length) : undefined;
    if (resource === undefined) throw validation(`Invalid parameter ARN: ${text}`);
    const [first] = resource.split(':');
    body = (first.includes('/') ? '/' : '') + resource;
  }
  const colon = body.indexOf(':');
  if (colon === -1) return { name: body };
  const name = body.slice(0, colon);
  const selector = body.slice(colon);
  const suffix = body.slice(colon + 1);
  if (/^\d+$/.test(suffix)) return { name, version: Number(suffix), selector };
  return { name, label: suffix, selector };
}
