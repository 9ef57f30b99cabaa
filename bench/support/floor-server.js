// The floor under kanri: node:http answering a fixed GetCallerIdentity-sized reply after reading
// the body. Whatever this can't beat on the same machine, no Node server can; the bench runs it
// as a reference row. Usage: node floor-server.js <port>
'use strict';
const http = require('node:http');

const body = Buffer.from('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
  + '<Account>000000000000</Account><Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId></GetCallerIdentityResult>'
  + '<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>');

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2]), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
