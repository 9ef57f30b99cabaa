// SNS's modelled errors, with the messages AWS sends.
import { AwsError } from '../../protocol/errors';

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message, 400);
}

/** "Invalid parameter: TopicArn", the shape of most of SNS's parameter errors. */
export function badParameter(name: string): AwsError {
  return invalidParameter(`Invalid parameter: ${name}`);
}

export function topicNotFound(): AwsError {
  return new AwsError('NotFoundException', 'Topic does not exist', 404);
}

export function subscriptionNotFound(): AwsError {
  return new AwsError('NotFoundException', 'Subscription does not exist', 404);
}

export function notFound(message: string): AwsError {
  return new AwsError('NotFoundException', message, 404);
}

export function resourceNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'Resource does not exist', 404);
}

export function authorizationError(message: string): AwsError {
  return new AwsError('AuthorizationErrorException', message, 403);
}

export function tagLimitExceeded(): AwsError {
  return new AwsError('TagLimitExceededException', 'Could not complete request: tag quota of per resource exceeded', 400);
}

export function filterPolicyLimitExceeded(): AwsError {
  return new AwsError('FilterPolicyLimitExceededException', 'Filter policy scope MessageAttributes limit exceeded', 403);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message, 400);
}

export function batchError(code: string, message: string): AwsError {
  return new AwsError(code, message, 400);
}
