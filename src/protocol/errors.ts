// Errors are values: a wire code, an HTTP status and a fault. Each codec serializes them in one place.

export class AwsError extends Error {
  /** Raised by the request framework (validation, serialization) rather than the service's code. */
  framework = false;
  /** The query-era code of an awsQueryCompatible service's error, when its model does not say it. */
  queryCode?: string;
  /** Headers the answer carries besides the codec's own (S3's x-amz-delete-marker on a 404). */
  headers: Record<string, string> = {};

  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    public readonly senderFault = status < 500,
    /** Extra members of the modelled error shape, serialized next to the message. */
    public readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** What a protocol calls its generic client errors (services may override some). */
export interface ProtocolErrorCodes {
  validation: string;
  serialization: string;
  unknownOperation: string;
  missingAction: string;
}

export const PROTOCOL_ERROR_CODES: Record<string, ProtocolErrorCodes> = {
  json: { validation: 'ValidationException', serialization: 'SerializationException', unknownOperation: 'UnknownOperationException', missingAction: 'UnknownOperationException' },
  'rest-json': { validation: 'ValidationException', serialization: 'SerializationException', unknownOperation: 'UnknownOperationException', missingAction: 'UnknownOperationException' },
  'rest-xml': { validation: 'InvalidArgument', serialization: 'MalformedXML', unknownOperation: 'MethodNotAllowed', missingAction: 'MethodNotAllowed' },
  query: { validation: 'ValidationError', serialization: 'MalformedQueryString', unknownOperation: 'InvalidAction', missingAction: 'MissingAction' },
  ec2: { validation: 'InvalidParameterValue', serialization: 'InvalidParameterValue', unknownOperation: 'InvalidAction', missingAction: 'MissingAction' },
};

export function unknownOperation(protocol: string, action: string): AwsError {
  return frameworkError(unknownOperationError(protocol, action));
}

function unknownOperationError(protocol: string, action: string): AwsError {
  const codes = PROTOCOL_ERROR_CODES[protocol] ?? PROTOCOL_ERROR_CODES.json;
  if (protocol === 'query' || protocol === 'ec2') {
    if (!action) return new AwsError(codes.missingAction, 'The request must contain the parameter Action', 400);
    return new AwsError(codes.unknownOperation, `The action ${action} is not valid for this web service.`, 400);
  }
  if (protocol === 'rest-xml') return new AwsError(codes.unknownOperation, 'The specified method is not allowed against this resource.', 405);
  if (protocol === 'rest-json') return new AwsError(codes.unknownOperation, `No operation matches ${action}`, 404);
  return new AwsError(codes.unknownOperation, action ? `Operation ${action} is not supported.` : 'Missing or malformed X-Amz-Target header', 400);
}

/** The one shared answer for a modelled operation kanri has not built. */
export function notImplemented(service: string, operation: string): AwsError {
  return new AwsError('NotImplemented', `kanri does not implement ${service}.${operation} yet; the operation is modelled but has no handler.`, 501, false);
}

export function serializationError(protocol: string, message: string): AwsError {
  const codes = PROTOCOL_ERROR_CODES[protocol] ?? PROTOCOL_ERROR_CODES.json;
  return frameworkError(new AwsError(codes.serialization, message, 400));
}

/** Framework errors say "message" in lower case even where the service's shape says "Message". */
export function frameworkError(err: AwsError): AwsError {
  err.framework = true;
  return err;
}

export function internalError(): AwsError {
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, false);
}
