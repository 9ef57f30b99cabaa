// One HTTP exchange with a local server, no keep-alive, for checks, setup and health polls.
'use strict';
const http = require('node:http');

const HOST = '127.0.0.1';

/**
 * Resolves { status, headers, body } for any answer; rejects only when there is no answer.
 * The socket is closed after the answer even when the request asked for keep-alive (to see
 * whether the server would keep it).
 */
function send(port, { method = 'GET', path = '/', headers = {}, body = '' }, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: false }, (res) => {
      const chunks = [];
      const { socket } = res;
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        socket.destroy();
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

module.exports = { HOST, send };
