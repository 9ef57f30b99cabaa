// EventBridge's modelled errors, with the messages AWS sends.
import { AwsError } from '../../protocol/errors';

export const busNotFound = (name: string) => new AwsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);

export const ruleNotFound = (rule: string, bus: string) => new AwsError('ResourceNotFoundException', `Rule ${rule} does not exist on EventBus ${bus}.`);

export const validation = (message: string) => new AwsError('ValidationException', message);

export const invalidPattern = (reason: string) => new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);

export const limitExceeded = (message = 'The requested resource exceeds the maximum number allowed.') => new AwsError('LimitExceededException', message);

export const alreadyExists = (message: string) => new AwsError('ResourceAlreadyExistsException', message);

export const policyTooLong = () => new AwsError('PolicyLengthExceededException', 'Policy length exceeded.');

export const statementNotFound = () => new AwsError('ResourceNotFoundException', 'Statement with the provided id does not exist.');
