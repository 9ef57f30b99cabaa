// AWS's sample conformance packs (data/conformance-packs) against the catalogue and the parameter
// validator: every rule they deploy must be known, and their InputParameters must pass.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueRule } from './catalogue';
import { validateManagedRuleParameters } from './params';

interface PackRule { name: string; identifier: string; parameterNames: string[] }

/** The ConfigRule resources of a pack: a line scan of AWS's regular layout (no YAML library here). */
function packRules(text: string): PackRule[] {
  const out: PackRule[] = [];
  let current: PackRule | undefined;
  let paramsIndent = -1;
  for (const line of text.split('\n')) {
    const indent = line.search(/\S/);
    if (indent < 0 || line.trim().startsWith('#')) continue;
    const name = /^ {6}ConfigRuleName: (\S+)/.exec(line);
    if (name) out.push((current = { name: name[1], identifier: '', parameterNames: [] }));
    if (!current) continue;
    const id = /^\s+SourceIdentifier: (\S+)/.exec(line);
    if (id) current.identifier = id[1];
    if (/^\s+InputParameters:\s*$/.test(line)) { paramsIndent = indent; continue; }
    if (paramsIndent >= 0) {
      if (indent <= paramsIndent) paramsIndent = -1;
      else if (indent === paramsIndent + 2) current.parameterNames.push(line.trim().replace(/:.*$/, ''));
    }
  }
  return out;
}

const dir = join(__dirname, 'data', 'conformance-packs');
const packs = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('sample conformance packs', () => {
  it('are copied for the tests', () => {
    expect(packs).toEqual(expect.arrayContaining(['Operational-Best-Practices-for-EC2.yaml', 'Operational-Best-Practices-for-Amazon-S3.yaml']));
  });
  for (const pack of packs) {
    it(`${pack}: every rule is in the catalogue and its parameters validate`, () => {
      const rules = packRules(readFileSync(join(dir, pack), 'utf8'));
      expect(rules.length).toBeGreaterThan(3);
      for (const rule of rules) {
        expect([rule.name, !!catalogueRule(rule.identifier)]).toEqual([rule.name, true]);
        // Values come from pack parameters at deploy time; any string stands in for them here.
        const input = JSON.stringify(Object.fromEntries(rule.parameterNames.map((n) => [n, '1'])));
        expect(() => validateManagedRuleParameters(rule.identifier, input)).not.toThrow();
      }
    });
  }
  it('finds the parameters of a pack rule', () => {
    const ec2 = packRules(readFileSync(join(dir, 'Operational-Best-Practices-for-EC2.yaml'), 'utf8'));
    expect(ec2.find((r) => r.identifier === 'EC2_VOLUME_INUSE_CHECK')).toEqual({ name: 'ec2-volume-inuse-check', identifier: 'EC2_VOLUME_INUSE_CHECK', parameterNames: ['deleteOnTermination'] });
  });
});
