// The syntax of a record's values, per type, checked as Route 53 does; a problem is reported in
// AWS's words: Invalid Resource Record: 'FATAL problem: <code> (<text>) encountered with '<value>''.
import { isIPv6 } from 'node:net';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function fatal(code: string, text: string, value: string): string {
  return `Invalid Resource Record: 'FATAL problem: ${code} (${text}) encountered with '${value}''`;
}

/** A host name in a value (CNAME target, MX exchange...): its labels and length. */
function domainProblem(name: string, whole: string): string | undefined {
  if (name === '.' || name === '') return undefined;
  if (/\s/.test(name)) return fatal('DomainLabelIllegalCharacter', 'Domain label contains an illegal character', whole);
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length > 253) return fatal('DomainNameTooLong', 'Domain name is too long', whole);
  for (const label of bare.split('.')) {
    if (label === '') return fatal('DomainLabelEmpty', 'Domain label is empty', whole);
    if (label.length > 63) return fatal('DomainLabelTooLong', 'Domain label is too long', whole);
  }
  return undefined;
}

function uint(text: string | undefined, max: number): boolean {
  return text !== undefined && /^\d+$/.test(text) && Number(text) <= max;
}

/** TXT and SPF: quoted character strings of at most 255 characters, or one bare word. */
function characterStrings(value: string): string | undefined {
  if (!value.startsWith('"')) return /\s|"/.test(value) || value === '' ? fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value) : undefined;
  let i = 0;
  while (i < value.length) {
    if (value[i] === ' ' || value[i] === '\t') { i++; continue; }
    if (value[i] !== '"') return fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value);
    let j = i + 1;
    let len = 0;
    while (j < value.length && value[j] !== '"') {
      j += value[j] === '\\' ? 2 : 1;
      len++;
    }
    if (j >= value.length) return fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value);
    if (len > 255) return fatal('CharacterStringTooLong', 'Value is too long', value);
    i = j + 1;
  }
  return undefined;
}

/** What is wrong with one value of a record of this type, or undefined when it is fine. */
export function valueProblem(type: string, value: string): string | undefined {
  const fields = value.trim().split(/\s+/);
  switch (type) {
    case 'A':
      return IPV4.test(value) ? undefined : fatal('ARRDATAIllegalIPv4Address', 'Value is not a valid IPv4 address', value);
    case 'AAAA':
      return isIPv6(value) ? undefined : fatal('AAAARRDATAIllegalIPv6Address', 'Value is not a valid IPv6 address', value);
    case 'CNAME': case 'NS': case 'PTR':
      return domainProblem(value, value);
    case 'MX':
      if (fields.length !== 2) return fatal('MXRRDATANotTwoFields', 'MX record must have a priority and a domain name', value);
      if (!uint(fields[0], 65535)) return fatal('MXRRDATAIllegalPriority', 'Priority is not an integer between 0 and 65535', value);
      return domainProblem(fields[1], value);
    case 'SRV':
      if (fields.length !== 4) return fatal('SRVRRDATANotFourFields', 'SRV record must have priority, weight, port and target', value);
      if (!fields.slice(0, 3).every((f) => uint(f, 65535))) return fatal('SRVRRDATAIllegalNumber', 'Priority, weight and port must be integers between 0 and 65535', value);
      return domainProblem(fields[3], value);
    case 'TXT': case 'SPF':
      return characterStrings(value);
    case 'CAA': {
      const m = /^(\d+)\s+([A-Za-z0-9]+)\s+(".*")$/.exec(value.trim());
      if (!m || !uint(m[1], 255)) return fatal('CAARRDATAIllegal', 'CAA record must be flags, tag and a quoted value', value);
      return undefined;
    }
    case 'NAPTR': {
      const m = /^(\d+)\s+(\d+)\s+"[^"]*"\s+"[^"]*"\s+"[^"]*"\s+(\S+)$/.exec(value.trim());
      if (!m || !uint(m[1], 65535) || !uint(m[2], 65535)) return fatal('NAPTRRDATAIllegal', 'NAPTR record must be order, preference, "flags", "services", "regexp" and replacement', value);
      return domainProblem(m[3], value);
    }
    case 'DS':
      if (fields.length !== 4 || !uint(fields[0], 65535) || !uint(fields[1], 255) || !uint(fields[2], 255) || !/^[0-9A-Fa-f]+$/.test(fields[3])) {
        return fatal('DSRRDATAIllegal', 'DS record must be key tag, algorithm, digest type and a hexadecimal digest', value);
      }
      return undefined;
    case 'SOA':
      if (fields.length !== 7 || !fields.slice(2).every((f) => uint(f, 4294967295))) return fatal('SOARRDATAIllegal', 'SOA record must have seven fields', value);
      return domainProblem(fields[0], value) ?? domainProblem(fields[1], value);
    default:
      return undefined;
  }
}
