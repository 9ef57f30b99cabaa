// SSM's modelled errors, with the messages AWS sends for them.
import { AwsError } from '../../protocol/errors';

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

/** AWS's "1 validation error detected" form for one member. */
export function memberInvalid(value: string, member: string, constraint: string): AwsError {
  return validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function parameterNotFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
}

export function versionNotFound(name: string, version: string | number): AwsError {
  return new AwsError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);
}

export function alreadyExists(): AwsError {
  return new AwsError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
}

export function parameterLimit(): AwsError {
  return new AwsError('ParameterLimitExceeded', 'You have exceeded the number of parameters for this AWS account. Delete unnecessary parameters and try again.');
}

export function hierarchyTooDeep(): AwsError {
  return new AwsError('HierarchyLevelLimitExceededException',
    'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and Constraints for Parameter Names in the AWS Systems Manager User Guide.');
}

export function invalidAllowedPattern(): AwsError {
  return new AwsError('InvalidAllowedPatternException', 'The request does not meet the regular expression requirement.');
}

export function patternMismatch(pattern: string): AwsError {
  return new AwsError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);
}

export function labelLimit(): AwsError {
  return new AwsError('ParameterVersionLabelLimitExceeded',
    'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.');
}

export function maxVersions(name: string, oldest: number): AwsError {
  return new AwsError('ParameterMaxVersionLimitExceeded',
    `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${oldest}, the oldest version, `
    + 'can\'t be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.');
}

export function accessDenied(message: string): AwsError {
  return new AwsError('AccessDeniedException', message);
}

export function invalidFilterKey(message: string): AwsError {
  return new AwsError('InvalidFilterKey', message);
}

export function invalidFilterOption(message: string): AwsError {
  return new AwsError('InvalidFilterOption', message);
}

export function invalidFilterValue(message: string): AwsError {
  return new AwsError('InvalidFilterValue', message);
}

export function invalidNextToken(): AwsError {
  return new AwsError('InvalidNextToken', 'The specified token is not valid.');
}

export function invalidResourceId(): AwsError {
  return new AwsError('InvalidResourceId', 'The resource ID is not valid. Verify that you entered the correct ID and try again.');
}

export function invalidResourceType(): AwsError {
  return new AwsError('InvalidResourceType', 'The resource type is not valid. For example, if you are attempting to tag an EC2 instance, the instance must be a registered managed node.');
}

export function tooManyTags(): AwsError {
  return new AwsError('TooManyTagsError', 'The Targets parameter includes too many tags. Remove one or more tags and try the command again.');
}

/** How a KMS failure surfaces in SSM: InvalidKeyId carrying KMS's own answer, as AWS reports it. */
export function kmsFailure(err: AwsError, requestId: string): AwsError {
  return new AwsError('InvalidKeyId',
    `${err.message} (Service: AWSKMS; Status Code: ${err.status}; Error Code: ${err.code}; Request ID: ${requestId}; Proxy: null)`);
}

export function policyTypeInvalid(): AwsError {
  return new AwsError('InvalidPolicyTypeException',
    'The policy type isn\'t supported. Parameter Store supports the following policy types: Expiration, ExpirationNotification, and NoChangeNotification.');
}

export function policyAttributeInvalid(message: string): AwsError {
  return new AwsError('InvalidPolicyAttributeException', message);
}

export function policiesLimit(): AwsError {
  return new AwsError('PoliciesLimitExceededException', 'You specified more than the maximum number of allowed policies for the parameter. The maximum is 10.');
}

export function incompatiblePolicy(message: string): AwsError {
  return new AwsError('IncompatiblePolicyException', message);
}
