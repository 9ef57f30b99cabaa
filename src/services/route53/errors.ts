// Route 53's modelled errors with the HTTP statuses its model declares and the messages AWS sends.
import { AwsError } from '../../protocol/errors';
import { loadModel } from '../../protocol/model';

export function r53(code: string, message: string): AwsError {
  return new AwsError(code, message, loadModel('route53').shapes[code]?.error?.httpStatusCode ?? 400);
}

export const invalidInput = (message: string) => r53('InvalidInput', message);
export const noSuchHostedZone = (id: string) => r53('NoSuchHostedZone', `No hosted zone found with ID: ${id}`);
export const noSuchHealthCheck = (id: string) => r53('NoSuchHealthCheck', `A health check with id ${id} does not exist.`);
export const noSuchDelegationSet = (id: string) => r53('NoSuchDelegationSet', `Delegation set ${id} does not exist`);
export const noSuchCidrCollection = () => r53('NoSuchCidrCollectionException', 'The CIDR collection you specified, doesn\'t exist.');

/** AWS reports every problem of a batch at once, as a list in brackets. */
export function invalidChangeBatch(messages: string[]): AwsError {
  return new AwsError('InvalidChangeBatch', `[${messages.join(', ')}]`, 400);
}
