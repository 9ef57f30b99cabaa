// Checks a managed rule's InputParameters against the catalogue, with AWS's
// InvalidParameterValueException messages, and returns them with the documented defaults applied.
import { AwsError } from '../../../protocol/errors';
import { catalogueRule } from './catalogue';

const invalid = (message: string) => new AwsError('InvalidParameterValueException', message, 400);

/** The error PutConfigRule answers for an Owner AWS rule outside the catalogue. */
export function unknownSourceIdentifier(identifier: string): AwsError {
  return invalid(`The sourceIdentifier ${identifier} is invalid.  Please refer to the documentation for a list of valid sourceIdentifiers that can be used when AWS is the Owner`);
}

/**
 * Validates InputParameters (JSON text, as PutConfigRule carries it) for a managed rule and returns
 * the effective parameters: the given ones, plus defaults for those left out. A required parameter
 * without a documented default must be given.
 */
export function validateManagedRuleParameters(identifier: string, inputParameters: string | undefined): Record<string, string> {
  const rule = catalogueRule(identifier);
  if (!rule) throw unknownSourceIdentifier(identifier);
  const given = parseInputParameters(inputParameters);
  const known = new Set(rule.parameters.map((p) => p.name));
  // A pack-only identifier has no documented parameters: accept what it is given.
  if (!rule.source && Object.keys(given).some((name) => !known.has(name))) {
    throw invalid(`Unknown parameters provided in the inputParameters: ${inputParameters}`);
  }
  const missing = rule.parameters.filter((p) => !p.optional && p.default === undefined && !Object.hasOwn(given, p.name)).map((p) => p.name).sort();
  if (missing.length) throw invalid(`The required parameter [${missing.join(', ')}] is not present in the inputParameters`);
  const out: Record<string, string> = Object.create(null);
  for (const p of rule.parameters) if (p.default !== undefined) out[p.name] = p.default;
  for (const [name, value] of Object.entries(given)) out[name] = value;
  return out;
}

/** InputParameters JSON text as a map of strings (AWS takes every value as a string). */
export function parseInputParameters(inputParameters: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (inputParameters === undefined || inputParameters.trim() === '') return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(inputParameters);
  } catch {
    throw invalid(`Invalid json ${inputParameters} passed in the InputParameters field`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid(`Invalid json ${inputParameters} passed in the InputParameters field`);
  }
  for (const [name, value] of Object.entries(parsed)) {
    // AWS's wording when a value is not a JSON string (a bare number or boolean).
    if (typeof value !== 'string') throw invalid(`Blank spaces are not acceptable for input parameter: ${name}.  InputParameters': '${inputParameters}'`);
    out[name] = value;
  }
  return out;
}
