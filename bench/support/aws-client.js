// A small AWS client for benches: JSON (x-amz-target) and query (form) calls with a SigV4-shaped
// Authorization (scope names the service and region; neither server checks signatures). kanri is
// driven over keep-alive connections, as SDKs drive it; moto's werkzeug closes every connection, so
// moto gets a fresh one per request either way.
'use strict';
const http = require('node:http');
const { HOST } = require('./http');

function authHeaders(service) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return {
    'x-amz-date': date,
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${date.slice(0, 8)}/us-east-1/${service}/aws4_request, `
      + `SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`,
  };
}

function client(port, { keepAlive, timeoutMs = 15_000 }) {
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 64 }) : false;
  function request(service, headers, body, method = 'POST', path = '/') {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: HOST, port, method, path, agent,
        headers: { ...authHeaders(service), ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(data) : reject(new Error(`${service} ${res.statusCode}: ${data.slice(0, 300)}`))));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${service}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
  return {
    /** A JSON-protocol call; resolves the parsed answer. */
    async json(service, target, payload, version = '1.0') {
      const text = await request(service, { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target }, JSON.stringify(payload));
      return text ? JSON.parse(text) : {};
    },
    /** A query-protocol call; resolves the XML text. */
    query(service, params) {
      return request(service, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, new URLSearchParams(params).toString());
    },
    /** A REST call with a raw body and an unsigned payload (S3); resolves the answer's text. */
    rest(service, method, path, body = '') {
      return request(service, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'application/octet-stream' }, body, method, path);
    },
    /** A REST-JSON call; resolves the parsed answer. */
    async restJson(service, method, path, payload) {
      const text = await request(service, { 'content-type': 'application/json' }, payload === undefined ? '' : JSON.stringify(payload), method, path);
      return text ? JSON.parse(text) : {};
    },
    close() {
      if (agent) agent.destroy();
    },
  };
}

module.exports = { client };
