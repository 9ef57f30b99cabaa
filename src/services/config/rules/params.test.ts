import { describe, expect, it } from 'vitest';
import { parseInputParameters, validateManagedRuleParameters } from './params';

const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (e: any) {
    return [e.code, e.status, e.message];
  }
  throw new Error('expected an error');
};

describe('managed rule InputParameters', () => {
  it('applies documented defaults under the given values', () => {
    expect({ ...validateManagedRuleParameters('IAM_PASSWORD_POLICY', '{"MinimumPasswordLength":"10"}') }).toEqual({
      RequireUppercaseCharacters: 'true', RequireLowercaseCharacters: 'true', RequireSymbols: 'true', RequireNumbers: 'true',
      MinimumPasswordLength: '10', PasswordReusePrevention: '24', MaxPasswordAge: '90',
    });
    expect({ ...validateManagedRuleParameters('INCOMING_SSH_DISABLED', undefined) }).toEqual({});
    // A required parameter with a documented default may be left out.
    expect({ ...validateManagedRuleParameters('ACCESS_KEYS_ROTATED', '') }).toEqual({ maxAccessKeyAge: '90' });
  });
  it('answers AWS InvalidParameterValueException messages', () => {
    expect(error(() => validateManagedRuleParameters('NOT_A_RULE', undefined))).toEqual(['InvalidParameterValueException', 400,
      'The sourceIdentifier NOT_A_RULE is invalid.  Please refer to the documentation for a list of valid sourceIdentifiers that can be used when AWS is the Owner']);
    expect(error(() => validateManagedRuleParameters('DESIRED_INSTANCE_TYPE', '{}'))).toEqual(['InvalidParameterValueException', 400,
      'The required parameter [instanceType] is not present in the inputParameters']);
    expect(error(() => validateManagedRuleParameters('DESIRED_INSTANCE_TYPE', '{"instanceType":"t3.micro","colour":"red"}'))[2]).toBe(
      'Unknown parameters provided in the inputParameters: {"instanceType":"t3.micro","colour":"red"}');
    expect(error(() => validateManagedRuleParameters('IAM_PASSWORD_POLICY', '{"MinimumPasswordLength":10}'))[2]).toBe(
      `Blank spaces are not acceptable for input parameter: MinimumPasswordLength.  InputParameters': '{"MinimumPasswordLength":10}'`);
    expect(error(() => validateManagedRuleParameters('IAM_PASSWORD_POLICY', '{nope'))[2]).toBe('Invalid json {nope passed in the InputParameters field');
    expect(error(() => validateManagedRuleParameters('IAM_PASSWORD_POLICY', '[1]'))[2]).toBe('Invalid json [1] passed in the InputParameters field');
  });
  it('keeps request-named keys inert', () => {
    const p = parseInputParameters('{"__proto__":"x","constructor":"y"}');
    expect([p.__proto__, p.constructor, Object.keys(p)]).toEqual(['x', 'y', ['__proto__', 'constructor']]);
    expect(error(() => validateManagedRuleParameters('DESIRED_INSTANCE_TYPE', '{"instanceType":"t3.micro","__proto__":"x"}'))[0]).toBe('InvalidParameterValueException');
  });
});
