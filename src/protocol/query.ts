// awsQuery: form-encoded Action=...&Version=...; XML answers wrapped in <OpResponse><OpResult>.
import type { Codec, HttpRequest, HttpResponse } from './codec';
import { AwsError, serializationError, unknownOperation } from './errors';
import { FormTypeError, formPairs, formTree, QUERY_NAMING, readFormValue } from './form-input';
import type { Operation, ServiceModel } from './model';
import { escapeXml, writeXmlMembers } from './xml-writer';
import { queryView } from './query-compat';

const pairsCache = new WeakMap<HttpRequest, Record<string, string[]>>();

export function requestPairs(req: HttpRequest): Record<string, string[]> {
  let pairs = pairsCache.get(req);
  if (!pairs) pairsCache.set(req, (pairs = formPairs(req.body, req.query)));
  return pairs;
}

export function actionOf(req: HttpRequest): string {
  return requestPairs(req).Action?.[0] ?? '';
}

function xmlns(model: ServiceModel): string {
  return model.metadata.xmlNamespace ? ` xmlns="${model.metadata.xmlNamespace}"` : '';
}

export const queryCodec: Codec = {
  protocol: 'query',

  resolveOperation(req, model): Operation {
    const action = actionOf(req);
    const op = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined;
    if (!op) throw unknownOperation('query', action);
    return op;
  },

  parse(req, jsonModel, op) {
    if (!op.input) return {};
    const model = queryView(jsonModel);
    try {
      return readFormValue(model, op.input.shape, formTree(requestPairs(req)), QUERY_NAMING, '') as Record<string, unknown>;
    } catch (e) {
      if (e instanceof FormTypeError) throw serializationError('query', e.message);
      throw e;
    }
  },

  serialize(output, jsonModel, op, meta): HttpResponse {
    const model = queryView(jsonModel);
    const parts = [`<${op.name}Response${xmlns(model)}>`];
    if (op.output) {
      const wrapper = op.output.resultWrapper ?? `${op.name}Result`;
      parts.push(`<${wrapper}>`);
      writeXmlMembers(model, op.output.shape, output ?? {}, parts);
      parts.push(`</${wrapper}>`);
    }
    parts.push(`<ResponseMetadata><RequestId>${meta.requestId}</RequestId></ResponseMetadata></${op.name}Response>`);
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': meta.requestId }, body: parts.join('') };
  },

  serializeError(err: AwsError, jsonModel, _op, meta): HttpResponse {
    const model = queryView(jsonModel);
    const code = err.queryCode ?? model.shapes[err.code]?.error?.code ?? err.code;
    const body =
      `<ErrorResponse${xmlns(model)}><Error><Type>${err.senderFault ? 'Sender' : 'Receiver'}</Type>` +
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
      `<RequestId>${meta.requestId}</RequestId></ErrorResponse>`;
    return { status: err.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': meta.requestId }, body };
  },
};
