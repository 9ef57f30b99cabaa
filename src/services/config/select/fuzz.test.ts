import { describe, expect, it } from 'vitest';
import { AwsError } from '../../../protocol/errors';
import { selectResourceConfig } from './index';
import { countingSource } from './fixtures.test-helper';

// Bad input must never escape as anything but one of the operation's declared errors.
const WORDS = [
  'SELECT', 'WHERE', 'GROUP', 'BY', 'ORDER', 'ASC', 'DESC', 'AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'LIKE', 'COUNT', 'SUM', 'MAX',
  'resourceId', 'resourceType', 'tags.key', 'tags', 'configuration.size', 'configuration.privateIpAddress', 'configuration.cidrBlock',
  'configuration.ipPermissions.fromPort', '__proto__', 'constructor', 'NULL', 'FROM', '*', '(', ')', ',', '=', '!=', '<', '>=', '<>',
  "'AWS::EC2::Volume'", "'10.0.0.0/8'", "'abc%'", "'%'", "'", '"x"', '1', '-2.5', 'true', '1e400', "'::1'", ';', '\n', '..', 'a.', '.b',
];

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe('advanced query fuzz', () => {
  it('random token soups either answer or raise a declared error', () => {
    const random = seeded(42);
    const declared = new Set(['InvalidExpressionException', 'InvalidLimitException', 'InvalidNextTokenException']);
    let answered = 0;
    for (let n = 0; n < 3000; n++) {
      const length = 1 + Math.floor(random() * 14);
      const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]);
      const expression = (random() < 0.8 ? 'SELECT ' : '') + words.join(' ');
      try {
        const out = selectResourceConfig(expression, countingSource(), { limit: 5 });
        for (const r of out.Results) JSON.parse(r);
        answered++;
      } catch (e) {
        expect(e, expression).toBeInstanceOf(AwsError);
        expect(declared.has((e as AwsError).code), expression).toBe(true);
      }
    }
    expect(answered).toBeGreaterThan(0);
  });
});
