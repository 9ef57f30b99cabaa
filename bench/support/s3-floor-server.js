// The floor under any S3 server on this machine: node:http that does only what S3 cannot skip —
// read the body while computing its MD5 (the ETag), keep it (in memory), and send it back on GET.
// The S3 bench runs it as a reference row. Usage: node s3-floor-server.js <port>
'use strict';
const http = require('node:http');
const { createHash } = require('node:crypto');

const objects = new Map();

const server = http.createServer((req, res) => {
  if (req.method === 'PUT') {
    const md5 = createHash('md5');
    const chunks = [];
    req.on('data', (c) => { md5.update(c); chunks.push(c); });
    req.on('end', () => {
      const etag = `"${md5.digest('hex')}"`;
      objects.set(req.url, Buffer.concat(chunks));
      res.writeHead(200, { etag, 'content-length': 0 });
      res.end();
    });
    return;
  }
  req.resume();
  const body = objects.get(req.url);
  if (!body) {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-length': 0 });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2]), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
