// Route 53's modelled errors with the HTTP statuses its model declares and the messages AWS sends.
import { AwsError } from '../../protocol/errors';

const STATUS: Record<string, number> = {
  NoSuchHostedZone: 404, NoSuchHealthCheck: 404, NoSuchChange: 404, NoSuchCidrCollectionException: 404,
  NoSuchCidrLocationException: 404, NoSuchQueryLoggingConfig: 404, NoSuchCloudWatchLogsLogGroup: 404,
  VPCAssociationNotFound: 404, VPCAssociationAuthorizationNotFound: 404, NoSuchGeoLocation: 404,
  HostedZoneAlreadyExists: 409, HealthCheckAlreadyExists: 409, HealthCheckVersionMismatch: 409,
  CidrCollectionVersionMismatchException: 409, QueryLoggingConfigAlreadyExists: 409, NotAuthorizedException: 401,
};

export function r53(code: string, message: string): AwsError {
  return new AwsError(code, message, STATUS[code] ?? 400);
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
