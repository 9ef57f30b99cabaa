// The contract every protocol codec keeps. Codecs know models and wire formats, never a service by name.
import type { Readable } from 'node:stream';
import type { AwsError } from './errors';
import type { Operation, ServiceModel } from './model';

/** A request as the gateway read it: lower-case header names, raw path, decoded query pairs. */
export interface HttpRequest {
  method: string;
  path: string; // raw (still percent-encoded) path, without the query string
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: Buffer;
  host: string;
  /** The unread body; the gateway buffers it into `body` unless the operation streams its input. */
  stream?: Readable;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string | Readable;
}

export interface ResponseMeta {
  requestId: string;
}

export interface Codec {
  readonly protocol: string;
  /** The operation the request names; throws the protocol's unknown-operation error. */
  resolveOperation(req: HttpRequest, model: ServiceModel): Operation;
  /** Wire → typed input (Dates, Buffers, numbers); throws the protocol's serialization error. */
  parse(req: HttpRequest, model: ServiceModel, op: Operation): Record<string, unknown>;
  serialize(output: Record<string, unknown> | undefined, model: ServiceModel, op: Operation, meta: ResponseMeta): HttpResponse;
  serializeError(err: AwsError, model: ServiceModel, op: Operation | undefined, meta: ResponseMeta): HttpResponse;
  /** A protocol whose services word validation failures their own way (ec2) says so here. */
  validationError?(problem: string, model: ServiceModel, op: Operation): AwsError;
}
