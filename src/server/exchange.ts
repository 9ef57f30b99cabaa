// What the gateway steps share about one request as it moves through the chain.
import type { Codec, HttpRequest, HttpResponse } from '../protocol/codec';
import type { Operation, ServiceModel } from '../protocol/model';
import type { Principal } from '../core/accounts';
import type { Signing } from './sigv4';

export interface Exchange {
  req: HttpRequest;
  res?: HttpResponse;
  requestId: string;
  sourceIp: string;
  signing?: Signing;
  service?: string;
  model?: ServiceModel;
  codec?: Codec;
  op?: Operation;
  input?: Record<string, unknown>;
  principal?: Principal;
  region: string;
}
