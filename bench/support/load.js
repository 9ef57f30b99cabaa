// A timed autocannon run on one pre-built request, with latencies kept at full precision
// (autocannon's own histogram has 1 ms steps, too coarse for a sub-millisecond server).
'use strict';
const autocannon = require('autocannon');
const { HOST } = require('./http');

/**
 * For servers that close every connection (moto's werkzeug answers `Connection: close`).
 * autocannon writes the next request on the same socket as soon as a response ends, before the
 * server's FIN arrives; werkzeug then neither answers nor closes, and the connection stalls until
 * autocannon's timeout. So each request after the first goes on a fresh connection. This uses
 * autocannon's client internals (_doRequest, _destroyConnection, _connect) from autocannon 9.
 */
function oneRequestPerConnection(client) {
  const sendOnThisConnection = client._doRequest;
  let fresh = true;
  client._doRequest = function nextRequest() {
    if (fresh) {
      fresh = false;
      return sendOnThisConnection.call(this);
    }
    fresh = true;
    this._destroyConnection();
    this._connect(); // sends the next request as soon as the new connection opens
  };
}

function percentile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Resolves { seconds, ok, non2xx, errors, timeouts, statusCodes, rps (2xx only), p50, p99, latencies of all answers }. */
function runLoad({ port, request, seconds, connections, keepAlive }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon({
      url: `http://${HOST}:${port}`,
      connections,
      duration: seconds,
      timeout: 10,
      requests: [request],
      setupClient: keepAlive ? undefined : oneRequestPerConnection,
    }, (err, result) => {
      if (err) return reject(err);
      latencies.sort((a, b) => a - b);
      const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
      resolve({
        seconds: result.duration,
        ok: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
        rps: result['2xx'] / result.duration,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
      });
    });
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

module.exports = { runLoad };
