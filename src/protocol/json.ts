// awsJson 1.0 and 1.1: POST /, X-Amz-Target names the operation, errors carry __type.
import type { Codec, HttpRequest, HttpResponse, ResponseMeta } from './codec';
import { AwsError, serializationError, unknownOperation } from './errors';
import { parseJsonBody, readJsonValue, ShapeTypeError, writeJsonValue } from './json-body';
import type { Operation, ServiceModel } from './model';

export function errorMessageBody(model: ServiceModel, err: AwsError): Record<string, unknown> {
  const shape = model.shapes[err.code];
  const messageKey = shape?.members?.Message && !err.framework ? 'Message' : 'message';
  const body: Record<string, unknown> = { [messageKey]: err.message };
  if (shape && Object.keys(err.fields).length) {
    Object.assign(body, writeJsonValue(model, err.code, err.fields) as object);
    body[messageKey] = err.message;
  }
  return body;
}

/** awsQueryCompatible services (SQS) also say the query-era code and fault in a header. */
export function queryCompatibleHeader(model: ServiceModel, err: AwsError): Record<string, string> {
  if (!model.metadata.awsQueryCompatible) return {};
  const code = err.queryCode ?? model.shapes[err.code]?.error?.code ?? err.code;
  return { 'x-amzn-query-error': `${code};${err.senderFault ? 'Sender' : 'Receiver'}` };
}

/**
 * botocore sends the model's full target prefix; the SDK v3 sends its last segment
 * (CloudTrail_20131101 for com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101). AWS takes both.
 */
export function targetPrefixMatches(prefix: string, modelPrefix: string | undefined): boolean {
  return !!modelPrefix && (prefix === modelPrefix || modelPrefix.endsWith(`.${prefix}`));
}

export const jsonCodec: Codec = {
  protocol: 'json',

  resolveOperation(req: HttpRequest, model: ServiceModel): Operation {
    const target = req.headers['x-amz-target'] ?? '';
    const dot = target.lastIndexOf('.');
    const name = dot >= 0 ? target.slice(dot + 1) : '';
    const op = targetPrefixMatches(target.slice(0, dot), model.metadata.targetPrefix) && Object.hasOwn(model.operations, name) ? model.operations[name] : undefined;
    if (!op) throw unknownOperation('json', name);
    return op;
  },

  parse(req: HttpRequest, model: ServiceModel, op: Operation): Record<string, unknown> {
    const doc = parseJsonBody(req.body, (m) => serializationError('json', m));
    if (!op.input) return {};
    try {
      return (readJsonValue(model, op.input.shape, doc) ?? {}) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof ShapeTypeError) throw serializationError('json', e.message);
      throw e;
    }
  },

  serialize(output, model, op, meta: ResponseMeta): HttpResponse {
    const body = op.output ? writeJsonValue(model, op.output.shape, output ?? {}) : {};
    return {
      status: 200,
      headers: { 'content-type': `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`, 'x-amzn-requestid': meta.requestId },
      body: JSON.stringify(body ?? {}),
    };
  },

  serializeError(err, model, _op, meta): HttpResponse {
    const body = { __type: err.code, ...errorMessageBody(model, err) };
    return {
      status: err.status,
      headers: {
        'content-type': `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`,
        'x-amzn-requestid': meta.requestId,
        ...queryCompatibleHeader(model, err),
      },
      body: JSON.stringify(body),
    };
  },
};
