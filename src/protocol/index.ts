// Codec registry: one codec per wire protocol named in the models.
import type { Codec } from './codec';
import { jsonCodec } from './json';
import { queryCodec } from './query';

const codecs: Record<string, () => Codec> = {
  json: () => jsonCodec,
  query: () => queryCodec,
  'rest-json': () => require('./rest-json').restJsonCodec,
  'rest-xml': () => require('./rest-xml').restXmlCodec,
  ec2: () => require('./ec2').ec2Codec,
};

export function codecFor(protocol: string): Codec | undefined {
  return codecs[protocol]?.();
}

export const SUPPORTED_PROTOCOLS = Object.keys(codecs);
