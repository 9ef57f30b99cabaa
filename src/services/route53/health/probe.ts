// One probe of an endpoint, as a Route 53 health checker makes it: HTTP(S) wants a 2xx or 3xx
// within the time limits (and the search string in the first 5,120 bytes for *_STR_MATCH); TCP
// wants a connection. Results read like GetHealthCheckStatus's reports.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { connect } from 'node:net';
import type { Platform } from '../../../core/platform';
import { isLocalName, refusal, targetAllowed } from './targets';

export interface ProbeResult { ok: boolean; status: string }

const CONNECT_MS = 4000; // AWS: a TCP connection within four seconds
const RESPONSE_MS = 2000; // and an HTTP answer within two seconds after it
const TCP_MS = 10_000;
const BODY_LIMIT = 5120;

async function resolveTarget(platform: Platform, c: Record<string, any>): Promise<string> {
  if (c.IPAddress) return c.IPAddress;
  const name = String(c.FullyQualifiedDomainName);
  if (isLocalName(name)) return '127.0.0.1';
  return (await lookup(name)).address;
}

export async function probe(platform: Platform, c: Record<string, any>, signal: AbortSignal): Promise<ProbeResult> {
  let ip: string;
  try {
    ip = await resolveTarget(platform, c);
  } catch {
    return { ok: false, status: `Failure: DNS resolution failed: ${c.FullyQualifiedDomainName} could not be resolved.` };
  }
  if (!targetAllowed(platform, ip)) return { ok: false, status: `Failure: ${refusal(ip)}` };
  return c.Type === 'TCP' ? tcpProbe(ip, c.Port, signal) : httpProbe(ip, c, signal);
}

function tcpProbe(ip: string, port: number, signal: AbortSignal): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: ip, port, signal });
    const timer = setTimeout(() => done({ ok: false, status: 'Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall.' }), TCP_MS);
    function done(r: ProbeResult) {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    }
    socket.once('connect', () => done({ ok: true, status: 'Success: TCP connection established.' }));
    socket.once('error', (err) => done({ ok: false, status: failureText(err) }));
  });
}

function failureText(err: Error & { code?: string }): string {
  if (err.code === 'ECONNREFUSED') return 'Failure: Connection refused. The endpoint or the internet connection is down, or firewall rules are blocking connections.';
  if (err.code === 'ECONNRESET') return 'Failure: The connection was reset by the endpoint.';
  if (err.name === 'AbortError') return 'Failure: The health checker stopped.';
  return `Failure: ${err.message}`;
}

function httpProbe(ip: string, c: Record<string, any>, signal: AbortSignal): Promise<ProbeResult> {
  const secure = c.Type === 'HTTPS' || c.Type === 'HTTPS_STR_MATCH';
  const port = c.Port ?? (secure ? 443 : 80);
  const hostName = c.FullyQualifiedDomainName ?? ip;
  const defaultPort = secure ? 443 : 80;
  const hostHeader = port === defaultPort ? hostName : `${hostName}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const options = {
      host: ip, port, path: c.ResourcePath ?? '/', method: 'GET', signal, agent: false as const,
      headers: { Host: hostHeader, 'User-Agent': 'Amazon-Route53-Health-Check-Service (ref kanri; report http://amzn.to/1vsZADi)' },
      ...(secure ? { rejectUnauthorized: false, servername: c.EnableSNI !== false && c.FullyQualifiedDomainName ? c.FullyQualifiedDomainName : undefined } : {}),
    };
    let timer = setTimeout(() => finish({ ok: false, status: 'Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall.' }), CONNECT_MS);
    const req = (secure ? https : http).request(options, (res) => {
      const code = res.statusCode ?? 0;
      const reason = `HTTP Status Code ${code}, ${res.statusMessage ?? ''}`.trim();
      if (code < 200 || code >= 400) return finish({ ok: false, status: `Failure: ${reason}. Resolved IP: ${ip}` });
      if (!c.SearchString) return finish({ ok: true, status: `Success: ${reason}` });
      let body = Buffer.alloc(0);
      const check = (end: boolean) => {
        const text = body.subarray(0, BODY_LIMIT).toString('utf8');
        if (text.includes(c.SearchString)) finish({ ok: true, status: `Success: ${reason}` });
        else if (end || body.length >= BODY_LIMIT) finish({ ok: false, status: `Failure: Search string '${c.SearchString}' not found in the first 5120 bytes of the response body. Resolved IP: ${ip}` });
      };
      res.on('data', (chunk: Buffer) => { body = Buffer.concat([body, chunk]); check(false); });
      res.on('end', () => check(true));
      res.on('error', (err) => finish({ ok: false, status: failureText(err) }));
    });
    req.once('socket', (socket) => socket.once('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ ok: false, status: 'Failure: The endpoint did not respond within 2 seconds after the connection was established.' }), RESPONSE_MS);
    }));
    req.once('error', (err) => finish({ ok: false, status: failureText(err) }));
    req.end();
  });
}
