// Which service a request is for: X-Amz-Target, the SigV4 scope, the host, the query Action's
// API version, and S3 as the fallback for unsigned path-style requests.
import type { HttpRequest } from '../protocol/codec';
import { modelIndex, type ModelIndexEntry } from '../protocol/model';
import { formPairs } from '../protocol/form-input';
import type { Signing } from './sigv4';

interface Lookup {
  byTarget: Map<string, string>;
  bySigningName: Map<string, string[]>;
  byEndpointPrefix: Map<string, string>;
  byApiVersion: Map<string, string[]>;
}

let lookup: Lookup | undefined;

function buildLookup(): Lookup {
  const l: Lookup = { byTarget: new Map(), bySigningName: new Map(), byEndpointPrefix: new Map(), byApiVersion: new Map() };
  for (const [name, e] of Object.entries(modelIndex())) {
    if (e.targetPrefix) {
      l.byTarget.set(e.targetPrefix, name);
      l.byTarget.set(e.targetPrefix.split('.').pop()!, name); // the SDK v3 sends only the last segment
    }
    for (const key of new Set([e.signingName, e.endpointPrefix])) {
      if (!key) continue;
      const list = l.bySigningName.get(key) ?? [];
      l.bySigningName.set(key, [...list, name]);
    }
    l.byEndpointPrefix.set(e.endpointPrefix, name);
    if (e.protocols.includes('query') || e.awsQueryCompatible || e.protocol === 'ec2') l.byApiVersion.set(e.apiVersion, [...(l.byApiVersion.get(e.apiVersion) ?? []), name]);
  }
  return l;
}

function entry(name: string): ModelIndexEntry {
  return modelIndex()[name];
}

export function detectService(req: HttpRequest, signing: Signing | undefined): string | undefined {
  const l = (lookup ??= buildLookup());
  const target = req.headers['x-amz-target'];
  if (target) {
    const service = l.byTarget.get(target.slice(0, target.lastIndexOf('.')));
    if (service) return service;
  }
  if (signing?.service) {
    const candidates = l.bySigningName.get(signing.service);
    if (candidates?.length === 1) return candidates[0];
    if (candidates && candidates.length > 1) return candidates.find((c) => entry(c).protocol !== 'json') ?? candidates[0];
  }
  const host = req.host.split(':')[0].toLowerCase();
  if (/(^|\.)s3[.-]/.test(host) || host.startsWith('s3.')) return 's3';
  const first = host.split('.')[0];
  if (host.includes('.') && l.byEndpointPrefix.has(first)) return l.byEndpointPrefix.get(first);
  const contentType = req.headers['content-type'] ?? '';
  if (req.method === 'POST' ? contentType.startsWith('application/x-www-form-urlencoded') : req.query.Action) {
    const version = formPairs(req.body, req.query).Version?.[0];
    const services = version ? l.byApiVersion.get(version) : undefined;
    if (services?.length) return services[0];
  }
  return modelIndex().s3 ? 's3' : undefined;
}

/** Region from the credential scope, else from a regional host name, else the default. */
export function regionOf(req: HttpRequest, signing: Signing | undefined, fallback: string): string {
  if (signing?.region && /^[a-z]{2}(-[a-z]+)+-\d$/.test(signing.region)) return signing.region;
  const m = /\.([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(req.host);
  return m ? m[1] : fallback;
}
