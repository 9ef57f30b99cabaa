// The Describe* filter engine, pure: Filter.N.Name / Filter.N.Value.M as AWS documents them.
// Values of one filter are OR'd, filters are AND'd; `*` and `?` are wildcards (`\` escapes them);
// `tag:Key`, `tag-key` and `tag-value` look at the resource's tags. Each resource kind supplies a
// table from filter name to the field(s) it reads.
import { ec2Error } from './errors';

export interface Filter { Name?: string; Values?: string[] }
export interface Tag { Key: string; Value: string }

/** What a field getter returns: one value, several (any may match), or nothing. */
export type FieldValue = string | number | boolean | null | undefined | FieldValue[];
export type FieldMap<T> = Record<string, (item: T) => FieldValue>;

/** Anything with Tags can be filtered by tag:, tag-key and tag-value. */
export type Taggable = { Tags?: Tag[]; TagSet?: Tag[] };

type Test<T> = (item: T) => boolean;

/** `*` any run of characters, `?` one character, `\` escapes; everything else literal. */
export function wildcard(pattern: string): (value: string) => boolean {
  if (!/[*?\\]/.test(pattern)) return (v) => v === pattern;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += escapeRe(c);
  }
  const compiled = new RegExp(`^${re}$`);
  return (v) => compiled.test(v);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function flatten(v: FieldValue, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else if (v !== undefined && v !== null) out.push(String(v));
  return out;
}

/** Compiles filters once into one predicate; an unknown filter name is AWS's InvalidParameterValue. */
export function compileFilters<T extends Taggable>(filters: Filter[] | undefined, fields: FieldMap<T>): Test<T> {
  const tests: Test<T>[] = [];
  for (const f of filters ?? []) {
    const name = f.Name ?? '';
    const matchers = (f.Values ?? []).map(wildcard);
    const any = (values: string[]) => values.some((v) => matchers.some((m) => m(v)));
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      tests.push((item) => any((item.Tags ?? item.TagSet ?? []).filter((t) => t.Key === key).map((t) => t.Value)));
    } else if (name === 'tag-key') {
      tests.push((item) => any((item.Tags ?? item.TagSet ?? []).map((t) => t.Key)));
    } else if (name === 'tag-value') {
      tests.push((item) => any((item.Tags ?? item.TagSet ?? []).map((t) => t.Value)));
    } else if (Object.hasOwn(fields, name)) {
      const get = fields[name];
      tests.push((item) => any(flatten(get(item))));
    } else {
      throw ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
    }
  }
  return (item) => tests.every((t) => t(item));
}

/** `tag:Key` filters with literal values: an index can find their candidates (see store). */
export function exactTagFilters(filters: Filter[] | undefined): { key: string; values: string[] }[] {
  return (filters ?? [])
    .filter((f) => f.Name?.startsWith('tag:') && (f.Values ?? []).every((v) => !/[*?\\]/.test(v)))
    .map((f) => ({ key: f.Name!.slice(4), values: f.Values ?? [] }));
}
