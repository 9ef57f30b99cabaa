// The On-Demand vCPU quotas RunInstances and StartInstances enforce. AWS counts the vCPUs of running
// and pending instances per bucket of instance families (Standard A, C, D, H, I, M, R, T, Z: quota
// L-1216C47A; F, G and VT, Inf, P, X, DL, Trn, HPC and High Memory have their own). Each pending or
// running instance's vCPUs are a row in ec2_vcpus, so a check is one indexed SUM rather than a read
// of every instance.
import { ec2Error } from './errors';
import { instanceType } from './catalogue';
import type { Ctx } from './resources';

export const STANDARD_QUOTA_CODE = 'L-1216C47A';

/** Buckets by family prefix; longer prefixes first, since `inf` is not Standard `i` nor `hpc` Standard `h`. */
const BUCKETS: [RegExp, string][] = [
  [/^u-/, 'L-43DA4232'], // High Memory
  [/^hpc/, 'L-F7808C92'],
  [/^inf/, 'L-1945791B'],
  [/^trn/, 'L-2C3B7624'],
  [/^dl/, 'L-6E869C2A'],
  [/^mac/, ''], // Mac instances run on Dedicated Hosts: no vCPU quota
  [/^(g|vt)/, 'L-DB2E81BA'],
  [/^f/, 'L-74FC7D96'],
  [/^p/, 'L-417A185B'],
  [/^x/, 'L-7295265B'],
  [/^[acdhimrtz]/, STANDARD_QUOTA_CODE],
];

/**
 * AWS gives a new account 5 Standard vCPUs and raises it with use; kanri starts where an established
 * account commonly is (1,152 Standard vCPUs; 128 in each other bucket; neither is a figure AWS
 * documents) so ordinary fleets launch. KANRI_EC2_VCPU_QUOTA sets the Standard quota and
 * KANRI_EC2_VCPU_QUOTAS any bucket ("L-DB2E81BA=0,L-417A185B=96"). A Service Quotas service would
 * replace this one function.
 */
export function vcpuQuota(_ctx: Ctx, quotaCode: string): number | undefined {
  const listed = listedQuotas(process.env.KANRI_EC2_VCPU_QUOTAS ?? '');
  const configured = Number(listed.get(quotaCode) ?? (quotaCode === STANDARD_QUOTA_CODE ? process.env.KANRI_EC2_VCPU_QUOTA : undefined));
  if (Number.isFinite(configured) && configured >= 0 && (listed.has(quotaCode) || configured > 0)) return configured;
  return quotaCode === STANDARD_QUOTA_CODE ? 1152 : 128;
}

/** KANRI_EC2_VCPU_QUOTAS parsed, for the value it was parsed from (every launch asks). */
let listedFor: { text: string; quotas: Map<string, string> } | undefined;

function listedQuotas(text: string): Map<string, string> {
  if (listedFor?.text !== text) listedFor = { text, quotas: new Map(text.split(',').map((p) => p.split('=').map((x) => x.trim()) as [string, string])) };
  return listedFor.quotas;
}

const CODES = new Map<string, string | undefined>();

/** The quota an instance type's vCPUs count against; undefined for types outside every bucket. */
export function quotaCodeOf(typeName: string): string | undefined {
  if (CODES.has(typeName)) return CODES.get(typeName);
  const family = typeName.split('.')[0].toLowerCase();
  const code = BUCKETS.find(([re]) => re.test(family))?.[1] || undefined;
  if (CODES.size < 10_000) CODES.set(typeName, code);
  return code;
}

function usage(ctx: Ctx, code: string): number {
  return (ctx.platform.storage.stmt('SELECT COALESCE(SUM(vcpus), 0) AS n FROM ec2_vcpus WHERE account_id = ? AND region = ? AND quota_code = ?')
    .get(ctx.accountId, ctx.region, code) as { n: number }).n;
}

/** Refuses a launch of `count` instances of a type that would take the bucket past its quota. */
export function checkVcpus(ctx: Ctx, types: { type: string; count: number }[]): void {
  const wanted = new Map<string, number>();
  for (const { type, count } of types) {
    const code = quotaCodeOf(type);
    const vcpus = instanceType(type)?.vcpus;
    if (code && vcpus) wanted.set(code, (wanted.get(code) ?? 0) + vcpus * count);
  }
  for (const [code, vcpus] of wanted) {
    const limit = vcpuQuota(ctx, code);
    if (limit !== undefined && usage(ctx, code) + vcpus > limit) throw ec2Error('VcpuLimitExceeded', limit);
  }
}

/**
 * How many of `wanted` instances of a type a launch may start: all, or as many as the quota leaves
 * room for when that is at least `min` (AWS launches between MinCount and MaxCount).
 */
export function launchable(ctx: Ctx, typeName: string, min: number, wanted: number): number {
  const code = quotaCodeOf(typeName);
  const vcpus = instanceType(typeName)?.vcpus;
  const limit = code && vcpus ? vcpuQuota(ctx, code) : undefined;
  if (limit === undefined || !code || !vcpus) return wanted;
  const room = Math.floor((limit - usage(ctx, code)) / vcpus);
  if (room < min) throw ec2Error('VcpuLimitExceeded', limit);
  return Math.min(wanted, room);
}

/** An instance entering pending counts against its bucket until it stops or terminates. */
export function holdVcpus(ctx: Ctx, instanceId: string, typeName: string): void {
  const code = quotaCodeOf(typeName);
  const vcpus = instanceType(typeName)?.vcpus;
  if (!code || !vcpus) return;
  ctx.platform.storage.stmt('INSERT OR REPLACE INTO ec2_vcpus (account_id, region, instance_id, quota_code, vcpus) VALUES (?, ?, ?, ?, ?)')
    .run(ctx.accountId, ctx.region, instanceId, code, vcpus);
}

/** A hold is keyed by its quota, which the type names (a held instance cannot change type: only a stopped one can). */
export function releaseVcpus(ctx: Ctx, instanceId: string, typeName: string): void {
  const code = quotaCodeOf(typeName);
  if (!code) return;
  ctx.platform.storage.stmt('DELETE FROM ec2_vcpus WHERE account_id = ? AND region = ? AND quota_code = ? AND instance_id = ?')
    .run(ctx.accountId, ctx.region, code, instanceId);
}
