// IAM's modelled errors, with AWS's messages. Thrown by shape name; the query codec writes the
// shape's wire code (NoSuchEntityException → NoSuchEntity).
import { AwsError } from '../../protocol/errors';

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntityException', message, 404);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExistsException', message, 409);
}

export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflictException', message, 409);
}

export function limitExceeded(message: string): AwsError {
  return new AwsError('LimitExceededException', message, 409);
}

/** IAM's size quotas: PolicySize 6144, UserPolicySize 2048, GroupPolicySize 5120, RolePolicySize 10240, ACLSizePerRole 2048. */
export function checkSize(size: number, quota: string, limit: number): void {
  if (size > limit) throw limitExceeded(`Cannot exceed quota for ${quota}: ${limit}`);
}

export function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInputException', message, 400);
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}

/** Service-linked roles belong to their service. */
export function protectedRole(roleName: string): AwsError {
  return new AwsError('UnmodifiableEntityException', `Cannot perform the operation on the protected role '${roleName}' - this role is only modifiable by AWS`, 400);
}

export const notFound = {
  user: (name: string) => noSuchEntity(`The user with name ${name} cannot be found.`),
  group: (name: string) => noSuchEntity(`The group with name ${name} cannot be found.`),
  role: (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`),
  'instance-profile': (name: string) => noSuchEntity(`Instance Profile ${name} cannot be found.`),
  policy: (arn: string) => noSuchEntity(`Policy ${arn} was not found.`),
  attachable: (arn: string) => noSuchEntity(`Policy ${arn} does not exist or is not attachable.`),
  version: (arn: string, versionId: string) => noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`),
  accessKey: (id: string) => noSuchEntity(`The Access Key with id ${id} cannot be found.`),
  inline: (kind: string, name: string) => noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`),
  boundary: (arn: string) => noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`),
};

export const exists = {
  user: (name: string) => alreadyExists(`User with name ${name} already exists.`),
  group: (name: string) => alreadyExists(`Group with name ${name} already exists.`),
  role: (name: string) => alreadyExists(`Role with name ${name} already exists.`),
  'instance-profile': (name: string) => alreadyExists(`Instance Profile ${name} already exists.`),
  policy: (name: string) => alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`),
};
