// Tags on every EC2 resource: validation as AWS applies it (50 per resource, aws: reserved, key
// 127 and value 255 characters), TagSpecifications on create, and the change each tag write records.
import { ec2Error, invalidValue } from './errors';
import type { Tag } from './filters';
import { KINDS } from './kinds';
import { recordChange, view, where, type Ctx } from './resources';
import { putTag, tagsOf, type Resource } from './store';

export const MAX_TAGS = 50;

export interface TagSpecification { ResourceType?: string; Tags?: { Key?: string; Value?: string }[] }

export function validateTags(tags: { Key?: string; Value?: string }[]): Tag[] {
  const out: Tag[] = [];
  for (const t of tags) {
    const key = t.Key;
    if (key === undefined) throw ec2Error('InvalidParameterValue', 'Tag key cannot be null');
    if (key.length > 127) throw invalidValue(`Tag key exceeds the maximum length of 127 characters`);
    if ((t.Value ?? '').length > 255) throw invalidValue(`Tag value exceeds the maximum length of 255 characters`);
    if (key.toLowerCase().startsWith('aws:')) throw invalidValue(`Value ( ${key} ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use`);
    out.push({ Key: key, Value: t.Value ?? '' });
  }
  return out;
}

/** Adds tags to a resource, refusing to take it past 50. Records nothing; callers do. */
export function writeTags(ctx: Ctx, id: string, tags: Tag[]): void {
  const s = ctx.platform.storage;
  const keys = new Set(tagsOf(s, where(ctx), id).map((t) => t.Key));
  for (const t of tags) keys.add(t.Key);
  if (keys.size > MAX_TAGS) throw ec2Error('TagLimitExceeded');
  for (const t of tags) putTag(s, where(ctx), id, t.Key, t.Value);
}

/**
 * The tags a create call's TagSpecifications give a resource of `tagType`. A specification for a
 * type the operation does not create is refused, as AWS does.
 */
export function tagsFromSpecifications(specs: TagSpecification[] | undefined, allowed: string[], tagType: string): Tag[] {
  const out: Tag[] = [];
  for (const spec of specs ?? []) {
    const type = spec.ResourceType ?? '';
    if (!allowed.includes(type)) throw invalidValue(`'${type}' is not a valid taggable resource type for this operation.`);
    if (type === tagType) out.push(...validateTags(spec.Tags ?? []));
  }
  if (new Set(out.map((t) => t.Key)).size > MAX_TAGS) throw ec2Error('TagLimitExceeded');
  return out;
}

/** Applies a create call's tags to the resource it made (specs checked for `allowed` types). */
export function tagOnCreate(ctx: Ctx, r: Resource, specs: TagSpecification[] | undefined, allowed = [KINDS[r.kind].tagType]): void {
  tagNew(ctx, r, specs, allowed);
}

/** SQLite's order of tag keys (BINARY: UTF-8 bytes, i.e. code points), the order tagsOf reads them in. */
export function byKey(a: Tag, b: Tag): number {
  const x = a.Key;
  const y = b.Key;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    let p = x.charCodeAt(i);
    let q = y.charCodeAt(i);
    if (p === q) continue;
    // UTF-16 puts surrogates (code points above U+FFFF) before U+E000-U+FFFF; code point order puts them after.
    if (p >= 0xd800) p = p >= 0xe000 ? p - 0x800 : p + 0x2000;
    if (q >= 0xd800) q = q >= 0xe000 ? q - 0x800 : q + 0x2000;
    return p - q;
  }
  return x.length - y.length;
}

/**
 * Tags a resource this call has just made (so it has none yet) from the call's TagSpecifications plus
 * `extra`, and returns its tags as tagsOf would read them back: its first view needs no read.
 */
export function tagNew(ctx: Ctx, r: Resource, specs: TagSpecification[] | undefined, allowed: string[], extra: Tag[] = []): Tag[] {
  const values = new Map<string, string>();
  for (const t of tagsFromSpecifications(specs, allowed, KINDS[r.kind].tagType)) values.set(t.Key, t.Value);
  for (const t of extra) values.set(t.Key, t.Value);
  if (values.size > MAX_TAGS) throw ec2Error('TagLimitExceeded');
  const tags: Tag[] = [];
  for (const [Key, Value] of values) {
    putTag(ctx.platform.storage, where(ctx), r.id, Key, Value);
    tags.push({ Key, Value });
  }
  return tags.sort(byKey);
}

/** Runs a tag change on a resource and records the change with the before and after views. */
export function changeTags(ctx: Ctx, r: Resource, change: () => void): void {
  const before = view(ctx, r);
  change();
  recordChange(ctx, r, before, view(ctx, r));
}
