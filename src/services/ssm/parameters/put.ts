// PutParameter: a new parameter or a new version of one, with AWS's checks in AWS's order:
// name rules, type, data type, tier and size, allowed pattern, policies, limits, then the write.
import type { RequestContext } from '../../types';
import { requireApi } from '../../links';
import type * as Ec2Api from '../../ec2/api';
import { alreadyExists, invalidAllowedPattern, maxVersions, memberInvalid, parameterLimit, patternMismatch, tooManyTags, validation } from '../errors';
import { checkNewName, keyOf, parameterArn, parentOf } from '../names';
import {
  addToTierCount, deleteVersion, findParameter, findVersion, insertVersion, putTag, tierCount, upsertParameter, versionCount, type ParameterRow,
} from '../store-parameters';
import { settingValue } from '../settings';
import { parameterChanged } from './events';
import { afterChange, armPolicyTimer, parsePolicies, type StoredPolicy } from './policies';
import { DEFAULT_KEY, encryptValue } from './secure';

export const MAX_VERSIONS = 100;
export const MAX_TAGS = 50;
const TIER_LIMITS: Record<string, number> = { Standard: 10_000, Advanced: 100_000 };
const STANDARD_BYTES = 4096;
const ADVANCED_BYTES = 8192;
const DEFAULT_TIER_SETTING = '/ssm/parameter-store/default-parameter-tier';
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];

interface PutInput {
  Name: string; Description?: string; Value: string; Type?: string; KeyId?: string; Overwrite?: boolean; AllowedPattern?: string;
  Tags?: { Key: string; Value: string }[]; Tier?: string; Policies?: string; DataType?: string;
}

function checkPattern(pattern: string | null, value: string): void {
  if (!pattern) return;
  let re: RegExp;
  try { re = new RegExp(pattern, 'u'); } catch {
    try { re = new RegExp(pattern); } catch { throw invalidAllowedPattern(); }
  }
  if (!re.test(value)) throw patternMismatch(pattern);
}

/** The tier a value lands in: Intelligent-Tiering picks Advanced only when it must. */
function resolveTier(input: PutInput, existing: ParameterRow | undefined, bytes: number, hasPolicies: boolean, defaultTier: string): string {
  const requested = input.Tier ?? defaultTier;
  if (existing?.tier === 'Advanced') {
    if (input.Tier === 'Standard') {
      throw validation('This parameter uses the advanced-parameter tier. You can\'t downgrade a parameter from the advanced-parameter tier to the '
        + 'standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.');
    }
    return 'Advanced';
  }
  if (requested === 'Intelligent-Tiering') return bytes > STANDARD_BYTES || hasPolicies ? 'Advanced' : 'Standard';
  return requested;
}

function checkSize(tier: string, bytes: number): void {
  if (tier === 'Standard' && bytes > STANDARD_BYTES) {
    throw validation('Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the '
      + 'parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html');
  }
  if (bytes > ADVANCED_BYTES) throw memberInvalid('', 'value', `Member must have length less than or equal to ${ADVANCED_BYTES}`);
}

function checkImage(ctx: RequestContext, value: string): void {
  if (!/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(value)) {
    throw validation(`Parameter value ${value} is not a valid Amazon Machine Image (AMI) ID. The aws:ec2:image data type needs an AMI ID in the format ami-12345abcdeEXAMPLE.`);
  }
  if (!requireApi<typeof Ec2Api>('ec2').publicImage(ctx.region, value)) {
    throw validation(`Unable to validate the AMI ID ${value} for the aws:ec2:image data type: the image does not exist in ${ctx.region} or you don't have permission to use it.`);
  }
}

export function putParameter(input: PutInput, ctx: RequestContext) {
  const storage = ctx.platform.storage;
  checkNewName(input.Name);
  if (input.Overwrite && input.Tags?.length) {
    throw validation('Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. '
      + 'To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.');
  }
  const key = keyOf(input.Name);
  const existing = findParameter(storage, ctx, key);
  if (existing && !input.Overwrite) throw alreadyExists();
  const type = input.Type ?? existing?.type;
  if (!type) throw validation('A parameter type is required when you create a parameter.');
  if (input.Value === '') throw memberInvalid('', 'value', 'Member must have length greater than or equal to 1');
  const dataType = input.DataType ?? existing?.dataType ?? 'text';
  if (!DATA_TYPES.includes(dataType)) throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  if (dataType === 'aws:ec2:image' && type !== 'String') throw validation('The aws:ec2:image data type is only supported for parameters of type String.');
  if (input.KeyId !== undefined && type !== 'SecureString') throw validation(`KeyId can only be specified for parameters of type SecureString; this parameter is of type ${type}.`);

  const now = ctx.now.getTime();
  const bytes = Buffer.byteLength(input.Value, 'utf8');
  const given = input.Policies === undefined ? undefined : parsePolicies(input.Policies, now);
  let policies: StoredPolicy[] = given ?? (existing?.policies ? JSON.parse(existing.policies) : []);
  const tier = resolveTier(input, existing, bytes, policies.length > 0, input.Tier ? 'Standard' : settingValue(storage, ctx, DEFAULT_TIER_SETTING));
  if (policies.length && tier !== 'Advanced') {
    throw validation('Parameter policies are supported only for the advanced-parameter tier. Use the Advanced or Intelligent-Tiering tier to assign policies.');
  }
  checkSize(tier, bytes);
  const allowedPattern = input.AllowedPattern ?? existing?.allowedPattern ?? null;
  checkPattern(allowedPattern, input.Value);
  if (dataType === 'aws:ec2:image') checkImage(ctx, input.Value);
  if (input.Tags && input.Tags.length > MAX_TAGS) throw tooManyTags();

  if (!existing || existing.tier !== tier) {
    if (tierCount(storage, ctx, tier) >= TIER_LIMITS[tier]) throw parameterLimit();
    addToTierCount(storage, ctx, tier, 1);
    if (existing) addToTierCount(storage, ctx, existing.tier, -1);
  }
  let version = 1;
  if (existing) {
    version = existing.version + 1;
    const { count, oldest } = versionCount(storage, ctx, key);
    if (count >= MAX_VERSIONS) {
      if (findVersion(storage, ctx, key, oldest)!.labels.length) throw maxVersions(existing.displayName, oldest);
      deleteVersion(storage, ctx, key, oldest);
    }
  }
  const displayName = existing?.displayName ?? input.Name;
  const keyId = type !== 'SecureString' ? null : input.KeyId ?? (existing?.type === 'SecureString' ? existing.keyId : null) ?? DEFAULT_KEY;
  const value = keyId ? encryptValue(ctx, keyId, input.Value, parameterArn(ctx.region, ctx.accountId, displayName)) : input.Value;
  const timed = policies.length ? afterChange(policies, now, now) : { policies, due: null };
  policies = timed.policies;
  const row: ParameterRow = {
    name: key, displayName, path: parentOf(key), type, dataType, keyId, value, version, modifiedAt: now, modifiedUser: ctx.principal.arn,
    description: input.Description ?? existing?.description ?? null, allowedPattern, tier,
    policies: policies.length ? JSON.stringify(policies) : null, policyDue: timed.due,
  };
  upsertParameter(storage, ctx, row);
  insertVersion(storage, ctx, row);
  for (const tag of input.Tags ?? []) putTag(storage, ctx, 'Parameter', key, tag.Key, tag.Value);
  ctx.touch('AWS::SSM::Parameter', displayName);
  parameterChanged(ctx.platform, { accountId: ctx.accountId, region: ctx.region, displayName, type, description: row.description }, existing ? 'Update' : 'Create', ctx.now);
  if (row.policies || existing?.policies) armPolicyTimer(ctx.platform, ctx, key, timed.due);
  return { Version: version, Tier: tier };
}
