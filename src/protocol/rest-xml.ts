// restXml: operations named by method and URI; unbound members travel as an XML document rooted at
// the input's (or payload member's) name. Errors are S3's bare <Error> or the <ErrorResponse> others use.
import type { Codec, HttpResponse } from './codec';
import { AwsError, frameworkError, serializationError, unknownOperation } from './errors';
import type { ServiceModel } from './model';
import { bodiless, matchRoute, rawPayload, readRestInput, writeBoundHeaders, writeRestOutput } from './rest';
import { readXmlDocument, XmlReadError } from './xml-reader';
import { escapeXml, writeXmlElement, writeXmlMembers, XML_DECLARATION } from './xml-writer';
import { TEXT_ROOT_OUTPUTS } from './wire-quirks';

/** S3's MalformedXML wording, which clients of every rest-xml service accept. */
export const MALFORMED_XML = 'The XML you provided was not well-formed or did not validate against our published schema';
const XML_TYPE = 'application/xml';
const namespaces = new WeakMap<ServiceModel, string | undefined>();

/** The model's XML namespace: in its metadata, or else on its operations' inputs and input payloads. */
export function xmlNamespaceOf(model: ServiceModel): string | undefined {
  if (namespaces.has(model)) return namespaces.get(model);
  let ns = model.metadata.xmlNamespace;
  for (const op of Object.values(model.operations)) {
    if (ns) break;
    const input = op.input ? model.shapes[op.input.shape] : undefined;
    ns = op.input?.xmlNamespace?.uri ?? (input?.payload ? input.members?.[input.payload]?.xmlNamespace?.uri : undefined);
  }
  namespaces.set(model, ns);
  return ns;
}

/** S3 signs its own way and answers errors without the <ErrorResponse> wrapper; botocore and the SDKs read both. */
function bareErrors(model: ServiceModel): boolean {
  const version = (model.metadata as { signatureVersion?: string }).signatureVersion;
  return version === 's3' || version === 's3v4';
}

function nsAttr(ns: string | undefined): string {
  return ns ? ` xmlns="${escapeXml(ns)}"` : '';
}

/** Extra fields of an error (BucketName, Key...) as elements: modelled members by their shape, others as text. */
function errorFieldsXml(model: ServiceModel, err: AwsError): string {
  const members = model.shapes[err.code]?.members ?? {};
  const parts: string[] = [];
  for (const [name, value] of Object.entries(err.fields)) {
    if (value === undefined || value === null || ['Code', 'Message', 'RequestId', 'HostId', 'Type'].includes(name)) continue;
    const ref = members[name];
    if (ref?.location) continue; // sent as a header
    if (ref) writeXmlElement(model, ref, ref.locationName ?? name, value, parts);
    else parts.push(`<${name}>${escapeXml(value instanceof Date ? value.toISOString() : String(value))}</${name}>`);
  }
  return parts.join('');
}

export const restXmlCodec: Codec = {
  protocol: 'rest-xml',

  resolveOperation(req, model) {
    const match = matchRoute(req, model);
    if (!match) throw unknownOperation('rest-xml', `${req.method} ${req.path}`);
    return match.op;
  },

  parse(req, model, op) {
    try {
      return readRestInput(req, model, op, {
        read: (ref, root, body) => readXmlDocument(model, ref, root, body),
        invalid: (message) => frameworkError(new AwsError('InvalidArgument', message, 400)),
      });
    } catch (e) {
      if (e instanceof XmlReadError) throw serializationError('rest-xml', MALFORMED_XML);
      throw e;
    }
  },

  serialize(output, model, op, meta): HttpResponse {
    const out = writeRestOutput(output ?? {}, model, op);
    const headers: Record<string, string> = { 'x-amz-request-id': meta.requestId, ...out.headers };
    const ns = xmlNamespaceOf(model);
    let body: HttpResponse['body'] = '';
    const parts = [XML_DECLARATION];
    if (out.payload) {
      const { name, ref, shape, value } = out.payload;
      if (shape.type === 'blob' || shape.type === 'string') {
        body = rawPayload(value);
        if (value !== undefined) headers['content-type'] ??= shape.type === 'blob' ? 'application/octet-stream' : 'text/plain';
      } else if (value !== undefined) {
        writeXmlElement(model, ref, ref.locationName ?? shape.locationName ?? name, value, parts, ns ? { uri: ns } : undefined);
      }
    } else if (op.output && TEXT_ROOT_OUTPUTS[op.output.shape]) {
      const member = TEXT_ROOT_OUTPUTS[op.output.shape];
      const value = (output ?? {})[member];
      parts.push(`<${member}${nsAttr(ns)}>${value === undefined || value === null ? '' : escapeXml(String(value))}</${member}>`);
    } else if (out.hasBody && op.output) {
      // Clients read the root's children whatever it is called; AWS names it after the output shape.
      const root = model.shapes[op.output.shape].locationName ?? op.output.shape;
      parts.push(`<${root}${nsAttr(ns)}>`);
      writeXmlMembers(model, op.output.shape, output ?? {}, parts);
      parts.push(`</${root}>`);
    }
    if (parts.length > 1 && !bodiless(out.status)) {
      body = parts.join('');
      headers['content-type'] ??= XML_TYPE;
    }
    return { status: out.status, headers, body };
  },

  serializeError(err, model, _op, meta): HttpResponse {
    const code = escapeXml(model.shapes[err.code]?.error?.code ?? err.code);
    const message = escapeXml(err.message);
    const fields = errorFieldsXml(model, err);
    const hostId = Buffer.from(meta.requestId).toString('base64');
    const body = bareErrors(model)
      ? `${XML_DECLARATION}<Error><Code>${code}</Code><Message>${message}</Message>${fields}` +
        `<RequestId>${escapeXml(meta.requestId)}</RequestId><HostId>${hostId}</HostId></Error>`
      : `${XML_DECLARATION}<ErrorResponse${nsAttr(xmlNamespaceOf(model))}><Error><Type>${err.senderFault ? 'Sender' : 'Receiver'}</Type>` +
        `<Code>${code}</Code><Message>${message}</Message>${fields}</Error><RequestId>${escapeXml(meta.requestId)}</RequestId></ErrorResponse>`;
    const headers: Record<string, string> = {
      ...(model.shapes[err.code]?.exception ? writeBoundHeaders(model, err.code, err.fields) : {}),
      'content-type': XML_TYPE,
      'x-amz-request-id': meta.requestId,
      'x-amz-id-2': hostId,
    };
    return { status: err.status, headers, body };
  },
};
