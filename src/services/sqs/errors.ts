// SQS's errors with AWS's messages. Each carries its query-era code for x-amzn-query-error.
import { AwsError } from '../../protocol/errors';
import { ERROR_STATUS, QUERY_ERROR_CODES } from './query-codes';

export function sqsError(code: string, message: string, status = ERROR_STATUS[code] ?? 400): AwsError {
  const err = new AwsError(code, message, status);
  err.queryCode = QUERY_ERROR_CODES[code] ?? code;
  return err;
}

export const queueDoesNotExist = () => sqsError('QueueDoesNotExist', 'The specified queue does not exist.');
export const invalidParameterValue = (message: string) => sqsError('InvalidParameterValueException', message);
export const missingParameter = (name: string) => sqsError('MissingRequiredParameterException', `The request must contain the parameter ${name}.`);
export const invalidAttributeName = (name: string) => sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
export const invalidAttributeValue = (name: string, reason?: string) =>
  sqsError('InvalidAttributeValue', reason ? `Invalid value for the parameter ${name}. Reason: ${reason}` : `Invalid value for the parameter ${name}.`);
export const receiptHandleInvalid = (handle: string) =>
  sqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
export const parameterInvalid = (name: string, value: unknown, reason: string) =>
  invalidParameterValue(`Value ${value} for parameter ${name} is invalid. Reason: ${reason}`);
