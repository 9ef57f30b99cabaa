// ParameterFilters (DescribeParameters, GetParametersByPath): AWS's checks and messages, and the
// match of one parameter against them. Label and tag: filters read the few rows they need.
import type { RequestContext } from '../../types';
import { invalidFilterKey, invalidFilterOption, invalidFilterValue, validation } from '../errors';
import { labelledVersions, tagsOf, type ParameterRow, type VersionRow } from '../store-parameters';

export interface Filter { Key: string; Option?: string; Values?: string[] }

const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];
const TYPES = ['String', 'StringList', 'SecureString'];
export const BAD_PATH = 'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". '
  + 'It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), '
  + '- (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". '
  + 'Valid example: /get/parameters2-/by1./path0_.';

export function optionOf(f: Filter): string {
  return f.Option ?? (f.Key === 'Path' ? 'OneLevel' : 'Equals');
}

export function checkFilters(filters: Filter[] | undefined, byPath: boolean): void {
  const seen = new Set<string>();
  for (const f of filters ?? []) {
    const option = optionOf(f);
    if (!byPath && f.Key === 'Label') throw invalidFilterKey('The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier, DataType].');
    if (byPath && ['Name', 'Path', 'Tier', 'DataType'].includes(f.Key)) {
      throw invalidFilterKey(`The following filter key is not valid: ${f.Key}. Valid filter keys include: [Type, KeyId, Label].`);
    }
    if (byPath && f.Key.startsWith('tag:')) throw invalidFilterKey(`The following filter key is not valid: ${f.Key}. Valid filter keys include: [Type, KeyId, Label].`);
    if (!f.Key.startsWith('tag:') && !f.Values?.length) throw invalidFilterValue(`The following filter values are missing : null for filter key ${f.Key}.`);
    if (seen.has(f.Key)) {
      throw invalidFilterKey(`The following filter is duplicated in the request: ${f.Key}. A request can contain only one occurrence of a specific filter.`);
    }
    seen.add(f.Key);
    if (f.Key === 'Path') {
      if (option !== 'OneLevel' && option !== 'Recursive') throw invalidFilterOption(`The following filter option is not valid: ${option}. Valid options include: [Recursive, OneLevel].`);
      for (const v of f.Values!) {
        if (/^\/(aws|ssm)/i.test(v)) {
          throw validation('Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.');
        }
        if (v.includes('//') || !v.startsWith('/') || !/^[a-zA-Z0-9_.\-/]*$/.test(v)) throw validation(BAD_PATH);
      }
      continue;
    }
    if (f.Key === 'Tier') for (const v of f.Values!) if (!TIERS.includes(v)) throw invalidFilterOption(`The following filter value is not valid: ${v}. Valid values include: [${TIERS.join(', ')}].`);
    if (f.Key === 'Type') for (const v of f.Values!) if (!TYPES.includes(v)) throw invalidFilterOption(`The following filter value is not valid: ${v}. Valid values include: [${TYPES.join(', ')}].`);
    const allowed = f.Key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : f.Key === 'Label' ? ['Equals'] : ['Equals', 'BeginsWith'];
    if (!allowed.includes(option)) throw invalidFilterOption(`The following filter option is not valid: ${option}. Valid options include: [${allowed.join(', ')}].`);
  }
}

const slashed = (name: string) => '/' + name.replace(/^\/+/, '');

function compare(option: string, what: string, values: string[]): boolean {
  if (option === 'BeginsWith') return values.some((v) => what.startsWith(v));
  if (option === 'Contains') return values.some((v) => what.includes(v));
  return values.includes(what);
}

/** The version the parameter is listed with when it passes every filter, else undefined. */
export function matchFilters(ctx: RequestContext, row: ParameterRow, filters: Filter[] | undefined): VersionRow | undefined {
  let listed: VersionRow = row;
  for (const f of filters ?? []) {
    const option = optionOf(f);
    const values = f.Values ?? [];
    switch (f.Key) {
      case 'Name':
        if (!compare(option, slashed(row.displayName), option === 'Contains' ? values : values.map(slashed))) return undefined;
        break;
      case 'Path': {
        const name = slashed(row.name);
        const ok = values.some((v) => {
          const path = '/' + v.replace(/^\/+|\/+$/g, '');
          if (option === 'Recursive') return path === '/' || name.startsWith(path + '/');
          const parent = name.slice(0, name.lastIndexOf('/')) || '/';
          return parent === path;
        });
        if (!ok) return undefined;
        break;
      }
      case 'Type': if (!compare(option, row.type, values)) return undefined; break;
      case 'KeyId': if (row.keyId === null || !compare(option, row.keyId, values)) return undefined; break;
      case 'Tier': if (!compare(option, row.tier, values)) return undefined; break;
      case 'DataType': if (!compare(option, row.dataType, values)) return undefined; break;
      case 'Label': {
        const labelled = labelledVersions(ctx.platform.storage, ctx, row.name).find((v) => v.labels.some((l) => values.includes(l)));
        if (!labelled) return undefined;
        listed = labelled;
        break;
      }
      default: {
        const tagKey = f.Key.slice(4);
        const tag = tagsOf(ctx.platform.storage, ctx, 'Parameter', row.name).find((t) => t.Key === tagKey);
        if (!tag || (values.length && !compare(option, tag.Value, values))) return undefined;
      }
    }
  }
  return listed;
}
