// Launch templates and their numbered versions (a default and a latest), and the data a
// RunInstances takes from one ({LaunchTemplateId|Name, Version: $Latest | $Default | N}).
import { describe, type DescribeInput } from '../describe';
import { ec2Error, invalidValue } from '../errors';
import { compileFilters, type FieldMap, type Filter } from '../filters';
import { paginate } from '../paging';
import { create, find, newId, recordCreated, remove, save, view, where, type Ctx } from '../resources';
import { listKind, type Doc, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const MAX_VERSIONS = 10_000;

const LT_FIELDS: FieldMap<Doc> = {
  'create-time': (t) => t.CreateTime,
  'launch-template-name': (t) => t.LaunchTemplateName,
};

const VERSION_FIELDS: FieldMap<Doc> = {
  'create-time': (v) => v.CreateTime,
  'ebs-optimized': (v) => v.LaunchTemplateData?.EbsOptimized,
  'iam-instance-profile': (v) => [v.LaunchTemplateData?.IamInstanceProfile?.Arn, v.LaunchTemplateData?.IamInstanceProfile?.Name],
  'image-id': (v) => v.LaunchTemplateData?.ImageId,
  'instance-type': (v) => v.LaunchTemplateData?.InstanceType,
  'is-default-version': (v) => v.DefaultVersion,
  'kernel-id': (v) => v.LaunchTemplateData?.KernelId,
  'ram-disk-id': (v) => v.LaunchTemplateData?.RamDiskId,
};

function checkName(name: string | undefined): string {
  if (!name || name.length < 3 || name.length > 128 || !/^[a-zA-Z0-9().\-/_]+$/.test(name)) throw ec2Error('InvalidLaunchTemplateName.MalformedException');
  return name;
}

function byName(ctx: Ctx, name: string): Resource | undefined {
  return listKind(ctx.platform.storage, where(ctx), 'lt').find((t) => t.doc.LaunchTemplateName === name);
}

/** The template a call names by LaunchTemplateId or LaunchTemplateName. */
export function templateOf(ctx: Ctx, input: { LaunchTemplateId?: string; LaunchTemplateName?: string }): Resource {
  if (input.LaunchTemplateId !== undefined) {
    if (!/^lt-[0-9a-f]{17}$/.test(input.LaunchTemplateId)) throw ec2Error('InvalidLaunchTemplateId.Malformed');
    const t = find(ctx, 'lt', input.LaunchTemplateId);
    if (!t) throw ec2Error('InvalidLaunchTemplateId.NotFound', input.LaunchTemplateId);
    return t;
  }
  if (input.LaunchTemplateName !== undefined) {
    const t = byName(ctx, input.LaunchTemplateName);
    if (!t) throw ec2Error('InvalidLaunchTemplateName.NotFoundException', input.LaunchTemplateName);
    return t;
  }
  throw ec2Error('MissingParameter', 'launchTemplateId or launchTemplateName');
}

/** Drops undefined members so the stored data is what the caller gave. */
function clean(value: unknown): any {
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Doc = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out;
  }
  return value;
}

function checkData(data: Doc): Doc {
  if (data.ImageId !== undefined && !/^(ami-[0-9a-f]{8,17}|resolve:ssm:.+)$/.test(data.ImageId)) throw ec2Error('InvalidAMIID.Malformed', data.ImageId);
  return clean(data);
}

function versionDoc(ctx: Ctx, t: Doc, number: number, data: Doc, description?: string): Doc {
  return {
    LaunchTemplateId: t.LaunchTemplateId, LaunchTemplateName: t.LaunchTemplateName, VersionNumber: number, VersionDescription: description,
    CreateTime: ctx.now.toISOString(), CreatedBy: `arn:aws:iam::${ctx.accountId}:root`, LaunchTemplateData: data,
  };
}

const versionsOf = (t: Resource): Doc[] => t.doc._versions ?? [];

function showVersion(t: Resource, v: Doc): Doc {
  const out: Doc = { ...v, DefaultVersion: v.VersionNumber === t.doc.DefaultVersionNumber };
  if (out.VersionDescription === undefined) delete out.VersionDescription;
  return out;
}

export function createLaunchTemplate(input: { LaunchTemplateName?: string; LaunchTemplateData?: Doc; VersionDescription?: string; TagSpecifications?: TagSpecification[]; ClientToken?: string }, ctx: Ctx) {
  const name = checkName(input.LaunchTemplateName);
  if (byName(ctx, name)) throw ec2Error('InvalidLaunchTemplateName.AlreadyExistsException');
  if (!input.LaunchTemplateData) throw ec2Error('MissingParameter', 'LaunchTemplateData');
  const id = newId('lt');
  const base: Doc = {
    LaunchTemplateId: id, LaunchTemplateName: name, CreateTime: ctx.now.toISOString(), CreatedBy: `arn:aws:iam::${ctx.accountId}:root`,
    DefaultVersionNumber: 1, LatestVersionNumber: 1,
  };
  const lt = create(ctx, 'lt', id, { ...base, _versions: [versionDoc(ctx, base, 1, checkData(input.LaunchTemplateData), input.VersionDescription)], _next: 2 });
  tagOnCreate(ctx, lt, input.TagSpecifications);
  return { LaunchTemplate: recordCreated(ctx, lt) };
}

export function describeLaunchTemplates(input: DescribeInput & { LaunchTemplateIds?: string[]; LaunchTemplateNames?: string[] }, ctx: Ctx) {
  const ids = [...(input.LaunchTemplateIds ?? [])];
  for (const name of input.LaunchTemplateNames ?? []) {
    const t = byName(ctx, name);
    if (!t) throw ec2Error('InvalidLaunchTemplateName.NotFoundException', name);
    ids.push(t.id);
  }
  for (const id of input.LaunchTemplateIds ?? []) templateOf(ctx, { LaunchTemplateId: id });
  const { items, nextToken } = describe(ctx, { kind: 'lt', ids: ids.length ? ids : undefined, fields: LT_FIELDS }, input);
  return { LaunchTemplates: items, NextToken: nextToken };
}

/** A version by number, $Latest or $Default. */
export function resolveVersion(t: Resource, version: string | undefined): Doc {
  const text = version ?? '$Default';
  const number = text === '$Latest' ? t.doc.LatestVersionNumber : text === '$Default' ? t.doc.DefaultVersionNumber : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(number)) throw ec2Error('InvalidLaunchTemplateVersion', `The specified launch template version is not valid: ${text}`);
  const v = versionsOf(t).find((x) => x.VersionNumber === number);
  if (!v) throw ec2Error('InvalidLaunchTemplateId.VersionNotFound', t.id, text);
  return v;
}

export function createLaunchTemplateVersion(input: { LaunchTemplateId?: string; LaunchTemplateName?: string; LaunchTemplateData?: Doc; SourceVersion?: string; VersionDescription?: string }, ctx: Ctx) {
  const t = templateOf(ctx, input);
  if (!input.LaunchTemplateData) throw ec2Error('MissingParameter', 'LaunchTemplateData');
  if (versionsOf(t).length >= MAX_VERSIONS) throw ec2Error('InvalidParameterValue', `The launch template ${t.id} has reached the maximum of ${MAX_VERSIONS} versions.`);
  const source = input.SourceVersion !== undefined ? resolveVersion(t, input.SourceVersion).LaunchTemplateData : {};
  const number: number = t.doc._next;
  const v = versionDoc(ctx, t.doc, number, { ...source, ...checkData(input.LaunchTemplateData) }, input.VersionDescription);
  const next = save(ctx, t, { ...t.doc, LatestVersionNumber: number, _next: number + 1, _versions: [...versionsOf(t), v] });
  return { LaunchTemplateVersion: showVersion(next, v) };
}

export function modifyLaunchTemplate(input: { LaunchTemplateId?: string; LaunchTemplateName?: string; DefaultVersion?: string }, ctx: Ctx) {
  const t = templateOf(ctx, input);
  let doc = t.doc;
  if (input.DefaultVersion !== undefined) {
    const v = resolveVersion(t, input.DefaultVersion);
    doc = { ...doc, DefaultVersionNumber: v.VersionNumber };
  }
  return { LaunchTemplate: view(ctx, save(ctx, t, doc)) };
}

export function deleteLaunchTemplate(input: { LaunchTemplateId?: string; LaunchTemplateName?: string }, ctx: Ctx) {
  const t = templateOf(ctx, input);
  const shown = view(ctx, t);
  remove(ctx, t);
  return { LaunchTemplate: shown };
}

export function deleteLaunchTemplateVersions(input: { LaunchTemplateId?: string; LaunchTemplateName?: string; Versions?: string[] }, ctx: Ctx) {
  const t = templateOf(ctx, input);
  const ok: Doc[] = [];
  const failed: Doc[] = [];
  let versions = versionsOf(t);
  for (const text of input.Versions ?? []) {
    const number = Number(text);
    const base = { LaunchTemplateId: t.id, LaunchTemplateName: t.doc.LaunchTemplateName, VersionNumber: Number.isInteger(number) ? number : undefined };
    if (number === t.doc.DefaultVersionNumber) {
      failed.push({ ...base, ResponseError: { Code: 'launchTemplateVersionIsDefault', Message: 'Cannot delete the default version of a launch template.' } });
    } else if (!versions.some((v) => v.VersionNumber === number)) {
      failed.push({ ...base, ResponseError: { Code: 'launchTemplateVersionDoesNotExist', Message: `The version ${text} does not exist.` } });
    } else {
      versions = versions.filter((v) => v.VersionNumber !== number);
      ok.push(base);
    }
  }
  if (ok.length) {
    const latest = Math.max(...versions.map((v) => v.VersionNumber));
    save(ctx, t, { ...t.doc, LatestVersionNumber: latest, _versions: versions });
  }
  return { SuccessfullyDeletedLaunchTemplateVersions: ok, UnsuccessfullyDeletedLaunchTemplateVersions: failed };
}

interface VersionsInput {
  LaunchTemplateId?: string; LaunchTemplateName?: string; Versions?: string[]; MinVersion?: string; MaxVersion?: string;
  Filters?: Filter[]; MaxResults?: number; NextToken?: string;
}

export function describeLaunchTemplateVersions(input: VersionsInput, ctx: Ctx) {
  const named = input.LaunchTemplateId !== undefined || input.LaunchTemplateName !== undefined;
  const templates = named ? [templateOf(ctx, input)] : listKind(ctx.platform.storage, where(ctx), 'lt');
  const test = compileFilters(input.Filters, VERSION_FIELDS);
  const min = input.MinVersion !== undefined ? Number(input.MinVersion) : -Infinity;
  const max = input.MaxVersion !== undefined ? Number(input.MaxVersion) : Infinity;
  const shown: Doc[] = [];
  for (const t of templates) {
    let versions: Doc[];
    if (input.Versions?.length) {
      const picked = new Map<number, Doc>();
      for (const v of input.Versions) {
        if (!named && v !== '$Latest' && v !== '$Default') throw invalidValue('Specify a launch template ID or name when you specify version numbers.');
        const found = resolveVersion(t, v);
        picked.set(found.VersionNumber, found);
      }
      versions = [...picked.values()];
    } else {
      versions = versionsOf(t);
    }
    for (const v of versions) if (v.VersionNumber >= min && v.VersionNumber <= max) shown.push(showVersion(t, v));
  }
  const keyed = shown.filter(test).sort((a, b) => (a.LaunchTemplateId < b.LaunchTemplateId ? -1 : a.LaunchTemplateId > b.LaunchTemplateId ? 1 : b.VersionNumber - a.VersionNumber))
    .map((v) => ({ key: `${v.LaunchTemplateId}|${String(1e9 - v.VersionNumber).padStart(10, '0')}`, v }));
  const { page, nextToken } = paginate(keyed, (x) => x.key, input.MaxResults, input.NextToken);
  return { LaunchTemplateVersions: page.map((x) => x.v), NextToken: nextToken };
}

/**
 * RunInstances' input with the template's data under it (the request's own members win; tag
 * specifications add up), and the tags AWS puts on instances launched from a template.
 */
export function withLaunchTemplate(ctx: Ctx, input: Doc): { input: Doc; tags: { Key: string; Value: string }[] } {
  const spec = input.LaunchTemplate;
  if (!spec) return { input, tags: [] };
  const t = templateOf(ctx, spec);
  const v = resolveVersion(t, spec.Version);
  const data: Doc = v.LaunchTemplateData ?? {};
  const merged: Doc = { ...data };
  for (const [k, value] of Object.entries(input)) if (value !== undefined) merged[k] = value;
  merged.TagSpecifications = [...(data.TagSpecifications ?? []), ...(input.TagSpecifications ?? [])];
  if (input.Placement || data.Placement) merged.Placement = { ...data.Placement, ...input.Placement };
  return { input: merged, tags: [{ Key: 'aws:ec2launchtemplate:id', Value: t.id }, { Key: 'aws:ec2launchtemplate:version', Value: String(v.VersionNumber) }] };
}
