// restJson1: operations named by method and URI; unbound members travel as a JSON body,
// errors as {"message"} with the code in X-Amzn-Errortype.
import type { Codec, HttpResponse } from './codec';
import { serializationError, unknownOperation } from './errors';
import { errorMessageBody } from './json';
import { parseJsonBody, readJsonValue, ShapeTypeError, writeJsonValue } from './json-body';
import { bodiless, matchRoute, rawPayload, readRestInput, writeBoundHeaders, writeRestOutput } from './rest';

const JSON_TYPE = 'application/json';
const invalid = (message: string) => serializationError('rest-json', message);

export const restJsonCodec: Codec = {
  protocol: 'rest-json',

  resolveOperation(req, model) {
    const match = matchRoute(req, model);
    if (!match) throw unknownOperation('rest-json', `${req.method} ${req.path}`);
    return match.op;
  },

  parse(req, model, op) {
    try {
      return readRestInput(req, model, op, {
        read: (ref, _root, body) => readJsonValue(model, ref.shape, parseJsonBody(body, invalid)),
        invalid,
      });
    } catch (e) {
      if (e instanceof ShapeTypeError) throw invalid(e.message);
      throw e;
    }
  },

  serialize(output, model, op, meta): HttpResponse {
    const out = writeRestOutput(output ?? {}, model, op);
    const headers: Record<string, string> = { 'x-amzn-requestid': meta.requestId, ...out.headers };
    let body: HttpResponse['body'] = '';
    let json: unknown;
    if (out.payload) {
      const { ref, shape, value } = out.payload;
      if (shape.type === 'blob' || shape.type === 'string') {
        body = rawPayload(value);
        if (value !== undefined) headers['content-type'] ??= shape.type === 'blob' ? 'application/octet-stream' : 'text/plain';
      } else if (value !== undefined) {
        json = writeJsonValue(model, ref.shape, value) ?? {};
      }
    } else if (op.output) {
      json = writeJsonValue(model, op.output.shape, output ?? {}) ?? {};
    }
    if (json !== undefined && !bodiless(out.status)) {
      body = JSON.stringify(json);
      headers['content-type'] ??= JSON_TYPE;
    }
    return { status: out.status, headers, body };
  },

  serializeError(err, model, _op, meta): HttpResponse {
    const headers: Record<string, string> = {
      ...(model.shapes[err.code]?.exception ? writeBoundHeaders(model, err.code, err.fields) : {}),
      'content-type': JSON_TYPE,
      'x-amzn-requestid': meta.requestId,
      'x-amzn-errortype': err.code,
    };
    return { status: err.status, headers, body: JSON.stringify(errorMessageBody(model, err)) };
  },
};
