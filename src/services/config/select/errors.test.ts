import { describe, expect, it } from 'vitest';
import { failure } from './fixtures.test-helper';

describe('advanced query errors', () => {
  it('a syntax error names the line and column, as AWS does', () => {
    expect(failure(`SELECT resourceId WHERE resourceType = 'AWS::EC2::Instance' configuration.instanceType = 't2.micro'`))
      .toEqual({ code: 'InvalidExpressionException', message: 'syntax error at line 1, column 61' });
    expect(failure(`SELECT resourceId\nWHERE resourceType =`)).toEqual({ code: 'InvalidExpressionException', message: 'syntax error at line 2, column 21' });
    expect(failure(`resourceId WHERE resourceType = 'x'`).message).toBe('syntax error at line 1, column 1');
    expect(failure(``).message).toBe('syntax error at line 1, column 1');
    expect(failure(`SELECT resourceId WHERE resourceType = 'unterminated`).message).toBe('syntax error at line 1, column 40');
    expect(failure(`SELECT resourceId WHERE resourceType == 'x'`).message).toBe('syntax error at line 1, column 39');
    expect(failure(`SELECT resourceId WHERE (resourceType = 'x'`).message).toBe('syntax error at line 1, column 44');
    expect(failure(`SELECT resourceId; DROP TABLE x`).message).toBe('syntax error at line 1, column 18');
  });

  it.each([
    [`SELECT DISTINCT resourceType`, 8],
    [`SELECT resourceId AS id`, 19],
    [`SELECT resourceId FROM resources`, 19],
    [`SELECT resourceType, COUNT(*) GROUP BY resourceType HAVING COUNT(*) > 1`, 53],
    [`SELECT resourceId WHERE resourceName IS NULL`, 38],
    [`SELECT resourceId WHERE resourceName = NULL`, 40],
    [`SELECT resourceId LIMIT 5`, 19],
    [`SELECT resourceId UNION SELECT arn`, 19],
    [`SELECT resourceId WHERE resourceId = arn`, 38],
    [`SELECT SUM(*)`, 12],
  ])('unsupported SQL is a syntax error: %s', (expression, column) => {
    expect(failure(expression)).toEqual({ code: 'InvalidExpressionException', message: `syntax error at line 1, column ${column}` });
  });

  it('an unknown property is an InvalidExpressionException naming it', () => {
    expect(failure(`SELECT resourceId WHERE configuration.noSuchThing = 'x'`))
      .toEqual({ code: 'InvalidExpressionException', message: 'Unknown property configuration.noSuchThing at line 1, column 25' });
    expect(failure(`SELECT configuration.nope`).message).toBe('Unknown property configuration.nope at line 1, column 8');
    expect(failure(`SELECT resourceId ORDER BY tags`).message).toBe('Unknown property tags at line 1, column 28');
    expect(failure(`SELECT resourceId WHERE relationships.relationshipName = 'x'`).message).toMatch(/^Unknown property relationships.relationshipName/);
  });

  it("applies AWS's wildcard limitations to LIKE", () => {
    expect(failure(`SELECT resourceId WHERE resourceType LIKE '%::EC2::Instance'`).code).toBe('InvalidExpressionException');
    expect(failure(`SELECT resourceId WHERE resourceType LIKE '_::EC2::Instance'`).message).toMatch(/at least three characters/);
    expect(failure(`SELECT resourceId WHERE resourceName LIKE 'ab%'`).message).toMatch(/at least three characters/);
    expect(failure(`SELECT resourceId WHERE resourceName LIKE 'ab_'`).message).toMatch(/at least three characters/);
    expect(failure(`SELECT resourceId WHERE resourceType LIKE 'AWS::%::Instance'`).message).toMatch(/suffix wildcards/);
    expect(failure(`SELECT resourceId WHERE configuration.size LIKE '100%'`).message).toMatch(/LIKE is supported only on string/);
    expect(failure(`SELECT resourceId WHERE resourceName LIKE 5`).message).toBe('syntax error at line 1, column 43');
  });

  it('rejects a literal that is not an IP address or CIDR block on ip and cidr_block properties', () => {
    expect(failure(`SELECT resourceId WHERE configuration.privateIpAddress = 'ten.0.0.1'`))
      .toEqual({ code: 'InvalidExpressionException', message: "Invalid IP address or CIDR block 'ten.0.0.1' for configuration.privateIpAddress" });
    expect(failure(`SELECT resourceId WHERE configuration.cidrBlock = '10.0.0.0/33'`).code).toBe('InvalidExpressionException');
    expect(failure(`SELECT resourceId WHERE configuration.cidrBlock IN ('10.0.0.0/8', 7)`).code).toBe('InvalidExpressionException');
  });

  it("applies AWS's aggregation limitations", () => {
    expect(failure(`SELECT resourceId, COUNT(*)`).message).toMatch(/resourceId must appear in the GROUP BY clause/);
    expect(failure(`SELECT *, COUNT(*)`).message).toMatch(/SELECT \* cannot be combined/);
    expect(failure(`SELECT COUNT(*) GROUP BY resourceType, awsRegion, accountId, availabilityZone`).message)
      .toBe('GROUP BY clauses may contain up to three properties');
    expect(failure(`SELECT resourceType, awsRegion, COUNT(*) GROUP BY resourceType, awsRegion ORDER BY COUNT(*)`).message)
      .toBe('GROUP BY with an ORDER BY clause referencing aggregate functions may contain only a single property');
    expect(failure(`SELECT resourceType, COUNT(*) GROUP BY resourceType ORDER BY awsRegion`).message).toMatch(/ORDER BY awsRegion must appear in the GROUP BY/);
    expect(failure(`SELECT SUM(resourceName)`).message).toMatch(/SUM requires a numeric property/);
    expect(failure(`SELECT MAX(configuration.instanceType)`).message).toMatch(/MAX requires a numeric or date property/);
    expect(failure(`SELECT COUNT(configuration.bogus)`).message).toMatch(/^Unknown property configuration.bogus/);
  });

  it('InvalidLimitException outside 0..100', () => {
    expect(failure(`SELECT resourceId`, { limit: 101 })).toEqual({
      code: 'InvalidLimitException', message: 'Limit 101 is outside the allowable range: it must be between 0 and 100.',
    });
    expect(failure(`SELECT resourceId`, { limit: -1 }).code).toBe('InvalidLimitException');
    expect(failure(`SELECT resourceId`, { limit: 2.5 }).code).toBe('InvalidLimitException');
  });

  it('InvalidNextTokenException for a token that is not ours or belongs to another expression', () => {
    expect(failure(`SELECT resourceId`, { nextToken: 'garbage' })).toEqual({ code: 'InvalidNextTokenException', message: 'The nextToken provided is invalid' });
    expect(failure(`SELECT resourceId`, { nextToken: Buffer.from('{"o":-1}').toString('base64url') }).code).toBe('InvalidNextTokenException');
    expect(failure(`SELECT resourceId`, { nextToken: Buffer.from('5').toString('base64url') }).code).toBe('InvalidNextTokenException');
  });

  it('an expression over 4096 characters is invalid', () => {
    expect(failure(`SELECT resourceId WHERE resourceId = '${'x'.repeat(4096)}'`).code).toBe('InvalidExpressionException');
  });

  it('request-named keys cannot reach the prototype', () => {
    expect(failure(`SELECT __proto__`).message).toMatch(/^Unknown property __proto__/);
    expect(failure(`SELECT configuration.constructor`).message).toMatch(/^Unknown property configuration.constructor/);
  });
});
