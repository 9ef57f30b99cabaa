// Typed view of the vendored botocore models (src/models/*.json) and a lazy, cached loader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ShapeType =
  | 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double'
  | 'boolean' | 'timestamp' | 'blob';

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  queryName?: string; // ec2 protocol
  xmlNamespace?: { uri: string; prefix?: string };
  xmlAttribute?: boolean;
  flattened?: boolean;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  jsonvalue?: boolean;
  streaming?: boolean;
  idempotencyToken?: boolean;
  hostLabel?: boolean;
  eventpayload?: boolean;
  box?: boolean;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef; // list
  key?: MemberRef; // map
  value?: MemberRef; // map
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  locationName?: string;
  payload?: string;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  streaming?: boolean;
  sensitive?: boolean;
  event?: boolean;
  eventstream?: boolean;
  union?: boolean;
  document?: boolean;
  xmlNamespace?: { uri: string; prefix?: string };
  xmlOrder?: string[];
  wrapper?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: MemberRef & { xmlNamespace?: { uri: string }; locationName?: string };
  output?: MemberRef & { resultWrapper?: string };
  errors?: { shape: string }[];
  endpoint?: { hostPrefix: string };
  deprecated?: boolean;
}

export interface ServiceMetadata {
  apiVersion: string;
  endpointPrefix: string;
  protocol: string;
  protocols?: string[];
  jsonVersion?: string;
  targetPrefix?: string;
  signingName?: string;
  serviceId: string;
  xmlNamespace?: string;
  awsQueryCompatible?: Record<string, never>;
  timestampFormat?: string;
}

export interface Paginator {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
}

export interface ServiceModel {
  name: string; // the model file's name: 'sts', 'ec2', ...
  metadata: ServiceMetadata;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
  paginators: Record<string, Paginator>;
}

export interface ModelIndexEntry {
  protocol: string;
  protocols: string[];
  awsQueryCompatible: boolean;
  endpointPrefix: string;
  signingName: string;
  targetPrefix: string | null;
  jsonVersion: string | null;
  apiVersion: string;
  serviceId: string;
  globalEndpoint: string | null;
}

// Same relative path from src/protocol and dist/protocol.
const MODELS_DIR = join(__dirname, '..', '..', 'src', 'models');
const cache = new Map<string, ServiceModel>();
let index: Record<string, ModelIndexEntry> | undefined;

// Hand-authored models of private APIs botocore does not carry (the SSM Agent's own calls), kept
// beside their service: whole models (with their index entry) and operations added to a model.
const SRC_DIR = join(__dirname, '..', '..', 'src');
const EXTRA_MODELS: Record<string, string> = { ec2messages: 'services/ssm/wire/ec2messages.json' };
const MODEL_EXTENSIONS: Record<string, string> = { ssm: 'services/ssm/wire/ssm-agent.json' };

export function modelIndex(): Record<string, ModelIndexEntry> {
  if (!index) {
    index = JSON.parse(readFileSync(join(MODELS_DIR, 'index.json'), 'utf8')).services;
    for (const [name, file] of Object.entries(EXTRA_MODELS)) index![name] = JSON.parse(readFileSync(join(SRC_DIR, file), 'utf8')).index;
  }
  return index!;
}

function readRawModel(name: string): any {
  const extra = Object.hasOwn(EXTRA_MODELS, name) ? EXTRA_MODELS[name] : undefined;
  const raw = JSON.parse(readFileSync(extra ? join(SRC_DIR, extra) : join(MODELS_DIR, `${name}.json`), 'utf8'));
  const extension = Object.hasOwn(MODEL_EXTENSIONS, name) ? MODEL_EXTENSIONS[name] : undefined;
  if (extension) {
    const ext = JSON.parse(readFileSync(join(SRC_DIR, extension), 'utf8'));
    Object.assign(raw.operations, ext.operations);
    Object.assign(raw.shapes, ext.shapes);
  }
  return raw;
}

export function loadModel(name: string): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    const raw = readRawModel(name);
    for (const [opName, op] of Object.entries<Operation>(raw.operations)) op.name = opName;
    model = { name, metadata: raw.metadata, operations: raw.operations, shapes: raw.shapes, paginators: raw.paginators ?? {} };
    cache.set(name, model);
  }
  return model;
}

export function shapeOf(model: ServiceModel, ref: { shape: string }): Shape {
  const shape = model.shapes[ref.shape];
  if (!shape) throw new Error(`model ${model.name} has no shape ${ref.shape}`);
  return shape;
}

/** The error shapes an operation declares, by their wire code. */
export function declaredErrorCodes(model: ServiceModel, op: Operation): string[] {
  return (op.errors ?? []).map((e) => model.shapes[e.shape]?.error?.code ?? e.shape);
}
