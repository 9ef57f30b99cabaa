// PutConformancePack (TemplateBody or TemplateS3Uri), DescribeConformancePacks,
// DescribeConformancePackStatus and DeleteConformancePack. A pack deploys its rules as AWS does:
// named `<name>-conformance-pack-<suffix>`, CreatedBy config-conforms.amazonaws.com, and only the pack
// changes or deletes them. Template errors answer at once; a rule Config would refuse (unknown managed
// rule, no recorder) fails the deployment (CREATE_FAILED with the reason), deploying nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { arn, partitionOf } from '../../../core/arn';
import { AwsError } from '../../../protocol/errors';
import { serviceApi } from '../../links';
import type { RequestContext } from '../../types';
import { pageAfter } from '../../../core/paging';
import { invalidNextToken } from '../errors';
import { listRecorders, putTags, removeTags } from '../store';
import { runRuleOverAccount } from '../evaluation/engine';
import { checkSource } from '../evaluation/rules-ops';
import { deleteEvaluations, deleteRule, findRule, saveRule, type RuleRow, type Scope } from '../evaluation/store';
import { invalidateRules } from '../evaluation/rule-cache';
import { deleteRuleTokens } from '../evaluation/store-custom';
import { invalidTemplate, parseTemplate, templateRules, type TemplateRule } from './template';
import { deletePackRow, findPack, listPacks, savePack, type PackRow } from './store';

export const CONFORMS = 'config-conforms.amazonaws.com';
const MAX_PACKS = 50; // conformance packs per account and Region
const MAX_RULES_PER_PACK = 130;
const IN_PROGRESS_MS = 1000; // how long a deployment shows CREATE_IN_PROGRESS
const MAX_S3_TEMPLATE_BYTES = 300 * 1024;

const invalid = (message: string) => new AwsError('InvalidParameterValueException', message);
export const noSuchPack = (names: string[]) =>
  new AwsError('NoSuchConformancePackException', `One or more conformance packs do not exist: ${names.join(', ')}`);
const scopeOf = (ctx: RequestContext): Scope => ({ accountId: ctx.accountId, region: ctx.region });
const suffix = (n: number) => [...randomBytes(n)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

export function requirePack(ctx: RequestContext, name: string): PackRow {
  const pack = findPack(ctx.platform.storage, scopeOf(ctx), name);
  if (!pack) throw noSuchPack([name]);
  return pack;
}

interface PutInput {
  ConformancePackName: string; TemplateS3Uri?: string; TemplateBody?: string; DeliveryS3Bucket?: string; DeliveryS3KeyPrefix?: string;
  ConformancePackInputParameters?: { ParameterName: string; ParameterValue: string }[]; TemplateSSMDocumentDetails?: unknown;
  Tags?: { Key: string; Value: string }[];
}

export function putConformancePack(input: PutInput, ctx: RequestContext) {
  const given = [input.TemplateBody, input.TemplateS3Uri, input.TemplateSSMDocumentDetails].filter((v) => v !== undefined).length;
  if (given !== 1) throw invalid('You must specify exactly one of TemplateS3Uri, TemplateBody or TemplateSSMDocumentDetails.');
  if (input.TemplateSSMDocumentDetails) {
    throw new AwsError('NotImplemented', 'kanri does not read conformance pack templates from SSM documents yet; use TemplateBody or TemplateS3Uri.', 501, false);
  }
  if (input.TemplateBody !== undefined) return deploy(input, input.TemplateBody, ctx);
  return readS3Template(input.TemplateS3Uri!, ctx).then((body) => ctx.platform.storage.transaction(() => deploy(input, body, ctx)));
}

async function readS3Template(uri: string, ctx: RequestContext): Promise<string> {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!m) throw invalid(`The TemplateS3Uri '${uri}' is not valid: use s3://bucketname/key.`);
  const s3 = serviceApi<typeof import('../../s3/api')>('s3');
  const info = s3?.findBucketInfo(ctx.platform, ctx.region, m[1]);
  if (!s3 || !info || info.region !== ctx.region) throw invalidTemplate(`Unable to read the template from ${uri}: the bucket does not exist in ${ctx.region}.`);
  const object = s3.openObject(ctx.platform, ctx.region, m[1], m[2]);
  if (!object) throw invalidTemplate(`Unable to read the template from ${uri}: the object does not exist.`);
  if (object.size > MAX_S3_TEMPLATE_BYTES) throw invalidTemplate(`The template at ${uri} is larger than 300 KB.`);
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function deploy(input: PutInput, body: string, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const scope = scopeOf(ctx);
  const name = input.ConformancePackName;
  const params = input.ConformancePackInputParameters ?? [];
  const doc = parseTemplate(body);
  const stackName = `awsconfigconforms-${name}`;
  const rules = templateRules(doc, params, { ...scope, partition: partitionOf(ctx.region), stackName });
  if (rules.length > MAX_RULES_PER_PACK) throw invalidTemplate(`A conformance pack can have at most ${MAX_RULES_PER_PACK} Config rules.`);
  const existing = findPack(s, scope, name);
  if (!existing && listPacks(s, scope).length >= MAX_PACKS) {
    throw new AwsError('MaxNumberOfConformancePacksExceededException', `Failed to put conformance pack '${name}' because the maximum number of conformance packs: ${MAX_PACKS} is reached.`);
  }
  const id = existing?.id ?? `conformance-pack-${suffix(9)}`;
  const pack: PackRow = existing ?? {
    ...scope, name, id, arn: arn('config', ctx.region, ctx.accountId, `conformance-pack/${name}/${id}`),
    pack: { inputParameters: [], stackArn: arn('cloudformation', ctx.region, ctx.accountId, `stack/${stackName}-${id.slice(-9)}/${randomUUID()}`), rules: [], requestedMs: 0 },
  };
  pack.pack = {
    ...pack.pack, inputParameters: params, deliveryS3Bucket: input.DeliveryS3Bucket, deliveryS3KeyPrefix: input.DeliveryS3KeyPrefix,
    templateS3Uri: input.TemplateS3Uri, requestedMs: ctx.now.getTime(), failure: undefined,
  };
  const failure = deploymentFailure(ctx, rules);
  if (failure) {
    pack.pack.failure = failure;
  } else {
    pack.pack.rules = deployRules(ctx, pack, rules);
  }
  savePack(s, pack);
  if (!existing && input.Tags?.length) putTags(s, pack.arn, input.Tags);
  return { ConformancePackArn: pack.arn };
}

/** Why Config would not create the pack's rules, as the deployment's status reason. */
function deploymentFailure(ctx: RequestContext, rules: TemplateRule[]): string | undefined {
  if (!listRecorders(ctx.platform.storage, scopeOf(ctx)).some((r) => !r.servicePrincipal)) {
    return 'Failed to create the conformance pack: there is no configuration recorder in this Region (NoAvailableConfigurationRecorderException).';
  }
  const names = new Set<string>();
  for (const r of rules) {
    // The deployed name adds `-conformance-pack-` and 9 characters, within Config's 128.
    if (typeof r.rule.ConfigRuleName !== 'string' || !/^.{1,101}$/.test(r.rule.ConfigRuleName)) return `Resource ${r.logicalId}: ConfigRuleName must be 1 to 101 characters.`;
    const shape = shapeProblem(r.rule);
    if (shape) return `Resource ${r.logicalId}: ${shape}`;
    if (names.has(r.rule.ConfigRuleName)) return `Resource ${r.logicalId}: the Config rule name ${r.rule.ConfigRuleName} is used twice in the template.`;
    names.add(r.rule.ConfigRuleName);
    try {
      checkSource(r.rule);
    } catch (err) {
      return `Resource ${r.logicalId} (${r.rule.ConfigRuleName}) failed to create: ${(err as AwsError).name}: ${(err as Error).message}`;
    }
  }
  return undefined;
}

const OWNERS = ['AWS', 'CUSTOM_LAMBDA', 'CUSTOM_POLICY'];
const FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'];
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The property types CloudFormation's AWS::Config::ConfigRule schema requires, checked before Config sees the rule. */
function shapeProblem(rule: Record<string, any>): string | undefined {
  const src = rule.Source;
  if (!OWNERS.includes(src.Owner)) return `Source.Owner must be one of ${OWNERS.join(', ')}.`;
  if (src.SourceIdentifier !== undefined && typeof src.SourceIdentifier !== 'string') return 'Source.SourceIdentifier must be a string.';
  if (src.SourceDetails !== undefined && !(Array.isArray(src.SourceDetails) && src.SourceDetails.every((d: unknown) => typeof d === 'object' && d))) {
    return 'Source.SourceDetails must be a list of objects.';
  }
  if (src.CustomPolicyDetails !== undefined && (typeof src.CustomPolicyDetails !== 'object' || typeof src.CustomPolicyDetails.PolicyText !== 'string')) {
    return 'Source.CustomPolicyDetails.PolicyText must be a string.';
  }
  if (rule.MaximumExecutionFrequency !== undefined && !FREQUENCIES.includes(rule.MaximumExecutionFrequency)) {
    return `MaximumExecutionFrequency must be one of ${FREQUENCIES.join(', ')}.`;
  }
  if (rule.Description !== undefined && typeof rule.Description !== 'string') return 'Description must be a string.';
  const scope = rule.Scope;
  if (scope !== undefined) {
    if (typeof scope !== 'object' || Array.isArray(scope) || !scope) return 'Scope must be an object.';
    if (scope.ComplianceResourceTypes !== undefined && !isStrings(scope.ComplianceResourceTypes)) return 'Scope.ComplianceResourceTypes must be a list of strings.';
    for (const k of ['ComplianceResourceId', 'TagKey', 'TagValue']) if (scope[k] !== undefined && typeof scope[k] !== 'string') return `Scope.${k} must be a string.`;
  }
  if (rule.InputParameters !== undefined && typeof rule.InputParameters !== 'string') return 'InputParameters must be an object.';
  return undefined;
}

/** Creates, changes and removes the pack's rules so that they match the template; returns the new name map. */
function deployRules(ctx: RequestContext, pack: PackRow, rules: TemplateRule[]): PackRow['pack']['rules'] {
  const s = ctx.platform.storage;
  const scope = scopeOf(ctx);
  const before = new Map(pack.pack.rules.map((r) => [r.templateName, r.name]));
  const out: PackRow['pack']['rules'] = [];
  for (const { rule: given } of rules) {
    const templateName = given.ConfigRuleName as string;
    const name = before.get(templateName) ?? `${templateName}-conformance-pack-${suffix(9)}`;
    before.delete(templateName);
    const existing = findRule(s, scope, name);
    const stored = { ...given, ConfigRuleName: name, CreatedBy: CONFORMS };
    if (existing && JSON.stringify(existing.rule) === JSON.stringify(stored)) { out.push({ templateName, name }); continue; }
    const id = existing?.id ?? `config-rule-${randomBytes(3).toString('hex')}`;
    const row: RuleRow = {
      ...scope, name, id, arn: existing?.arn ?? arn('config', ctx.region, ctx.accountId, `config-rule/${id}`),
      rule: stored, status: existing?.status ?? { firstActivated: ctx.now.getTime() },
    };
    saveRule(s, row);
    invalidateRules(ctx.platform, ctx.accountId);
    if (existing) deleteEvaluations(s, row, name);
    runRuleOverAccount(ctx.platform, row);
    out.push({ templateName, name });
  }
  for (const gone of before.values()) removeRule(ctx, gone);
  return out;
}

function removeRule(ctx: RequestContext, name: string): void {
  const rule = findRule(ctx.platform.storage, scopeOf(ctx), name);
  if (!rule) return;
  deleteRule(ctx.platform.storage, rule, name);
  deleteRuleTokens(ctx.platform.storage, rule, name);
  invalidateRules(ctx.platform, ctx.accountId);
  removeTags(ctx.platform.storage, rule.arn);
}

const time = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

function page<T>(items: T[], key: (t: T) => string, limit: number | undefined, max: number, token: string | undefined) {
  return pageAfter(items, key, limit || max, token, invalidNextToken);
}

function selected(ctx: RequestContext, names: string[] | undefined, strict = true): PackRow[] {
  if (!names?.length) return listPacks(ctx.platform.storage, scopeOf(ctx));
  // DescribeConformancePackStatus declares no NoSuchConformancePackException: it shows what exists.
  if (!strict) return listPacks(ctx.platform.storage, scopeOf(ctx)).filter((p) => names.includes(p.name));
  const missing = names.filter((n) => !findPack(ctx.platform.storage, scopeOf(ctx), n));
  if (missing.length) throw noSuchPack(missing);
  return names.map((n) => findPack(ctx.platform.storage, scopeOf(ctx), n)!);
}

export function describeConformancePacks(input: { ConformancePackNames?: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const { page: out, nextToken } = page(selected(ctx, input.ConformancePackNames), (p) => p.name, input.Limit, 20, input.NextToken);
  return {
    ConformancePackDetails: out.map((p) => ({
      ConformancePackName: p.name, ConformancePackArn: p.arn, ConformancePackId: p.id,
      DeliveryS3Bucket: p.pack.deliveryS3Bucket, DeliveryS3KeyPrefix: p.pack.deliveryS3KeyPrefix,
      ConformancePackInputParameters: p.pack.inputParameters, LastUpdateRequestedTime: time(p.pack.requestedMs),
    })),
    NextToken: nextToken,
  };
}

/** The deployment state: in progress for a moment after each request, then complete (or failed). */
export function packState(p: PackRow, nowMs: number): { state: string; completedMs?: number } {
  const done = p.pack.requestedMs + IN_PROGRESS_MS;
  if (nowMs < done) return { state: 'CREATE_IN_PROGRESS' };
  return { state: p.pack.failure ? 'CREATE_FAILED' : 'CREATE_COMPLETE', completedMs: done };
}

export function describeConformancePackStatus(input: { ConformancePackNames?: string[]; Limit?: number; NextToken?: string }, ctx: RequestContext) {
  const { page: out, nextToken } = page(selected(ctx, input.ConformancePackNames, false), (p) => p.name, input.Limit, 20, input.NextToken);
  return {
    ConformancePackStatusDetails: out.map((p) => {
      const { state, completedMs } = packState(p, ctx.now.getTime());
      return {
        ConformancePackName: p.name, ConformancePackId: p.id, ConformancePackArn: p.arn, ConformancePackState: state, StackArn: p.pack.stackArn,
        ConformancePackStatusReason: state === 'CREATE_FAILED' ? p.pack.failure : undefined,
        LastUpdateRequestedTime: time(p.pack.requestedMs), LastUpdateCompletedTime: time(completedMs),
      };
    }),
    NextToken: nextToken,
  };
}

export function deleteConformancePack(input: { ConformancePackName: string }, ctx: RequestContext) {
  const pack = requirePack(ctx, input.ConformancePackName);
  for (const r of pack.pack.rules) removeRule(ctx, r.name);
  deletePackRow(ctx.platform.storage, pack, pack.name);
  removeTags(ctx.platform.storage, pack.arn);
  return {};
}
