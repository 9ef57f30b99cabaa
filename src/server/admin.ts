// Admin routes under /_kanri: health, reset, and the clock.
import type { Platform } from '../core/platform';
import { parseDuration } from '../core/clock';
import type { HttpRequest, HttpResponse } from '../protocol/codec';
import { SERVICE_LOADERS } from '../services';
import { modelIndex } from '../protocol/model';
import { flushTrail } from '../services/cloudtrail/recorder';
import { ensureBody } from './body';
import { dnsStatus } from '../dns/start';
import { zonesReset } from '../dns/server';

const VERSION = '0.1.0';
const MAX_CLOCK_MS = Date.UTC(9999, 11, 31);

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function bodyOf(req: HttpRequest): Record<string, unknown> {
  if (!req.body.length) return {};
  try {
    const v = JSON.parse(req.body.toString('utf8'));
    return v && typeof v === 'object' ? v : {};
  } catch {
    return { __invalid: true };
  }
}

export async function handleAdmin(platform: Platform, req: HttpRequest): Promise<HttpResponse> {
  await ensureBody(req);
  const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_kanri/health':
    case 'HEAD /_kanri/health': {
      const loaded = new Set(platform.loadedServices);
      const services: Record<string, string> = {};
      for (const name of Object.keys(SERVICE_LOADERS)) services[name] = loaded.has(name) ? 'running' : 'available';
      for (const name of Object.keys(modelIndex())) services[name] ??= 'modelled';
      return json(200, { status: 'healthy', version: VERSION, persistence: platform.storage.inMemory ? 'in-memory' : 'sqlite', services, dns: dnsStatus(platform) });
    }
    case 'POST /_kanri/reset': {
      const body = bodyOf(req);
      const service = req.query.service?.[0] ?? body.service;
      if (service !== undefined && (typeof service !== 'string' || !Object.hasOwn(SERVICE_LOADERS, service))) {
        return json(400, { error: `kanri has no service named ${String(service)}` });
      }
      flushTrail(platform);
      platform.reset(service);
      zonesReset(platform);
      return json(200, { reset: service ?? 'all' });
    }
    case 'GET /_kanri/clock':
      return json(200, clockState(platform));
    case 'POST /_kanri/clock': {
      const body = bodyOf(req);
      const ms = typeof body.advance === 'string' ? parseDuration(body.advance) : undefined;
      if (ms === undefined) return json(400, { error: 'expected {"advance": "<ISO-8601 duration, e.g. PT6H>"}' });
      if (!Number.isFinite(ms) || platform.clock.now() + ms > MAX_CLOCK_MS) return json(400, { error: 'the clock cannot go past the year 9999' });
      platform.clock.advance(ms);
      await platform.scheduler.runDue();
      await platform.outbox.drain();
      return json(200, clockState(platform));
    }
    case 'GET /_kanri/sns/SimpleNotificationService-kanri.pem': // SNS's SigningCertURL
      return { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: require('../services/sns/api').signingCertificate(platform) };
    default:
      return json(404, { error: `no admin route ${route}` });
  }
}

function clockState(platform: Platform) {
  return { now: platform.clock.date().toISOString(), offsetMs: platform.clock.offset };
}
