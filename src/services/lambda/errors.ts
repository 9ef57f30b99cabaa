// Lambda's modelled errors with the messages AWS sends.
import { AwsError } from '../../protocol/errors';

export function functionNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404, true, { Type: 'User' });
}

export function aliasNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Cannot find alias arn: ${arn}`, 404, true, { Type: 'User' });
}

export function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, 404, true, { Type: 'User' });
}

export function conflict(message: string): AwsError {
  return new AwsError('ResourceConflictException', message, 409, true, { Type: 'User' });
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message, 400, true, { Type: 'User' });
}

export function preconditionFailed(): AwsError {
  return new AwsError('PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id', 412, true, { Type: 'User' });
}

/** The framework's wording for one failed constraint (AWS's ValidationException format). */
export function validation(value: unknown, member: string, constraint: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function requestTooLarge(limit: number): AwsError {
  return new AwsError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the Invoke operation`, 413, true, { Type: 'User' });
}

/** Invoke while kanri is not allowed to run code from requests (the default). */
export function executionDisabled(): AwsError {
  return new AwsError('ResourceConflictException',
    'kanri does not run function code unless it was started with --run-lambdas (or KANRI_RUN_LAMBDAS=1): running a function executes code that arrived in a request, so it is off by default.',
    409, true, { Type: 'User' });
}
