// Reading parameters: a selector (name, name:version, name:label, or an ARN) resolved to one
// version, public /aws/service/ parameters, and the Parameter object GetParameter* answers with.
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { parameterNotFound, validation, versionNotFound } from '../errors';
import { keyOf, parameterArn, parseSelector } from '../names';
import { findCurrentValue, findVersion, labelledVersions, type VersionRow } from '../store-parameters';
import { findPublicParameter, isPublicPath, isSecretsManagerReference } from './public';
import { decryptValue } from './secure';

/** The fields of a version that reading it needs; the current version is read with only these. */
export type ReadVersion = Pick<VersionRow, 'name' | 'version' | 'type' | 'dataType' | 'keyId' | 'value' | 'modifiedAt'>;

export interface Resolved { row: ReadVersion; displayName: string; selector?: string; arn: string }

/** The version a selector names; ParameterNotFound / ParameterVersionNotFound as AWS answers. */
export function resolveSelector(ctx: RequestContext, text: string, withDecryption?: boolean): Resolved {
  if (isPublicPath(text)) return resolvePublic(ctx, text, withDecryption);
  const sel = parseSelector(text);
  const key = keyOf(sel.name);
  const current = findCurrentValue(ctx.platform.storage, ctx, key);
  if (!current) throw parameterNotFound(sel.name);
  const arn = parameterArn(ctx.region, ctx.accountId, current.displayName);
  if (sel.version !== undefined) {
    const row = sel.version === current.version ? current : findVersion(ctx.platform.storage, ctx, key, sel.version);
    if (!row) throw versionNotFound(sel.name, sel.version);
    return { row, displayName: current.displayName, selector: sel.selector, arn };
  }
  if (sel.label !== undefined) {
    const row = labelledVersions(ctx.platform.storage, ctx, key).find((v) => v.labels.includes(sel.label!));
    if (!row) throw versionNotFound(sel.name, sel.label);
    return { row, displayName: current.displayName, selector: sel.selector, arn };
  }
  return { row: current, displayName: current.displayName, arn };
}

function resolvePublic(ctx: RequestContext, text: string, withDecryption?: boolean): Resolved {
  if (isSecretsManagerReference(text)) {
    if (!withDecryption) throw validation('WithDecryption flag must be True for retrieving a Secret Manager secret.');
    throw new AwsError('ParameterNotFound',
      `An error occurred (ParameterNotFound) when referencing Secrets Manager: kanri has no Secrets Manager yet, so ${text.slice('/aws/reference/secretsmanager/'.length)} cannot be referenced.`);
  }
  const sel = parseSelector(text);
  const p = findPublicParameter(ctx.region, sel.name);
  if (!p) throw parameterNotFound(sel.name);
  if (sel.version !== undefined && sel.version !== 1) throw versionNotFound(sel.name, sel.version);
  if (sel.label !== undefined) throw versionNotFound(sel.name, sel.label);
  const row: VersionRow = {
    name: p.name, version: 1, type: 'String', dataType: 'text', keyId: null, value: p.value, modifiedAt: p.modifiedAt, modifiedUser: '',
    description: null, allowedPattern: null, tier: 'Standard', policies: null,
  };
  return { row, displayName: p.name, selector: sel.selector, arn: `arn:aws:ssm:${ctx.region}::parameter${p.name}` };
}

/** The plain value, or the ciphertext of a SecureString unless decryption was asked for. */
export function valueOf(ctx: RequestContext, row: ReadVersion, displayName: string, withDecryption: boolean | undefined): string {
  if (row.type !== 'SecureString' || !withDecryption) return row.value;
  return decryptValue(ctx, row.value, parameterArn(ctx.region, ctx.accountId, displayName));
}

export function parameterOutput(ctx: RequestContext, r: Resolved, withDecryption: boolean | undefined) {
  const out: Record<string, unknown> = {
    Name: r.displayName, Type: r.row.type, Value: valueOf(ctx, r.row, r.displayName, withDecryption), Version: r.row.version,
    LastModifiedDate: new Date(r.row.modifiedAt), ARN: r.arn, DataType: r.row.dataType,
  };
  if (r.selector !== undefined) out.Selector = r.selector;
  return out;
}

export function getParameter(input: { Name: string; WithDecryption?: boolean }, ctx: RequestContext) {
  return { Parameter: parameterOutput(ctx, resolveSelector(ctx, input.Name, input.WithDecryption), input.WithDecryption) };
}

export function getParameters(input: { Names: string[]; WithDecryption?: boolean }, ctx: RequestContext) {
  const Parameters: unknown[] = [];
  const InvalidParameters: string[] = [];
  for (const name of new Set(input.Names)) {
    let resolved: Resolved;
    try {
      resolved = resolveSelector(ctx, name, input.WithDecryption);
    } catch (err) {
      if (err instanceof AwsError && (err.code === 'ParameterNotFound' || err.code === 'ParameterVersionNotFound')) {
        InvalidParameters.push(name);
        continue;
      }
      throw err;
    }
    Parameters.push(parameterOutput(ctx, resolved, input.WithDecryption));
  }
  return { Parameters, InvalidParameters };
}
