// KMS's modelled errors, with the messages AWS sends (checked against recorded AWS responses).
import { AwsError } from '../../protocol/errors';

export function keyNotFound(arn: string): AwsError {
  return new AwsError('NotFoundException', `Key '${arn}' does not exist`);
}

export function invalidKeyId(value: string): AwsError {
  return new AwsError('NotFoundException', `Invalid keyId '${value}'`);
}

export function invalidArnRegion(region: string): AwsError {
  return new AwsError('NotFoundException', `Invalid arn ${region}`);
}

export function aliasNotFound(aliasArn: string): AwsError {
  return new AwsError('NotFoundException', `Alias ${aliasArn} is not found.`);
}

export function disabled(arn: string): AwsError {
  return new AwsError('DisabledException', `${arn} is disabled.`);
}

export function pendingDeletion(arn: string): AwsError {
  return new AwsError('KMSInvalidStateException', `${arn} is pending deletion.`);
}

export function invalidState(message: string): AwsError {
  return new AwsError('KMSInvalidStateException', message);
}

/** AWS sends this one without a message. */
export function invalidCiphertext(): AwsError {
  return new AwsError('InvalidCiphertextException', '');
}

export function incorrectKey(): AwsError {
  return new AwsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
}

export function invalidKeyUsage(arn: string, operation: string): AwsError {
  return new AwsError('InvalidKeyUsageException', `${arn} key usage is ENCRYPT_DECRYPT which is not valid for ${operation}.`);
}

export function validation(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function unsupported(message: string): AwsError {
  return new AwsError('UnsupportedOperationException', message);
}

export function tagError(message: string): AwsError {
  return new AwsError('TagException', message);
}

export function invalidMarker(): AwsError {
  return new AwsError('InvalidMarkerException', 'The request was rejected because the marker that specifies where pagination should next begin is not valid.');
}

/** What a key policy that does not allow the action answers (AWS managed keys allow only reads). */
export function accessDenied(principalArn: string, action: string, keyArn: string): AwsError {
  return new AwsError('AccessDeniedException',
    `User: ${principalArn} is not authorized to perform: kms:${action} on resource: ${keyArn} because no resource-based policy allows the kms:${action} action`);
}

export function malformedPolicy(): AwsError {
  return new AwsError('MalformedPolicyDocumentException', 'The policy is not in a valid JSON format.');
}
