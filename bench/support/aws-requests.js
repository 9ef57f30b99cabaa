// The benchmarked AWS requests, built once with a real SigV4 signature (the AWS documentation's
// example key pair), so they look exactly like an SDK's. Neither server checks signatures by default.
'use strict';
const crypto = require('node:crypto');
const { HOST } = require('./http');

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'us-east-1';
const CLOUDTRAIL_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const JSON_11 = 'application/x-amz-json-1.1';

/** What the benchmark sends, in the order it is run. */
const OPERATIONS = [
  { id: 'GetCallerIdentity', service: 'sts', contentType: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' },
  { id: 'LookupEvents', service: 'cloudtrail', target: `${CLOUDTRAIL_TARGET}.LookupEvents`, contentType: JSON_11, body: '{"MaxResults":10}' },
  {
    id: 'LookupEvents(EventName)', service: 'cloudtrail', target: `${CLOUDTRAIL_TARGET}.LookupEvents`, contentType: JSON_11,
    body: '{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"GetCallerIdentity"}],"MaxResults":10}',
  },
];

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

/** A request object for autocannon and for send(): method, path, headers (Host included), body. */
function signedRequest(port, { service, method = 'POST', path = '/', contentType, target, body = '' }, now = new Date()) {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers = { host: `${HOST}:${port}`, 'x-amz-date': amzDate };
  if (contentType) headers['content-type'] = contentType;
  if (target) headers['x-amz-target'] = target;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [method, path, '', ...names.map((n) => `${n}:${headers[n]}`), '', signedHeaders, sha256(body)].join('\n');
  const scope = `${day}/${REGION}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${SECRET_ACCESS_KEY}`, day);
  for (const part of [REGION, service, 'aws4_request']) key = hmac(key, part);
  const signature = crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { method, path, headers, body };
}

/** An S3 bucket and a trail writing to it: what moto wants before CloudTrail calls (CreateTrail needs the bucket). */
function trailSetupRequests(port, name) {
  return [
    { what: `S3 CreateBucket ${name}`, request: signedRequest(port, { service: 's3', method: 'PUT', path: `/${name}` }) },
    {
      what: `CloudTrail CreateTrail ${name}`,
      request: signedRequest(port, { service: 'cloudtrail', target: `${CLOUDTRAIL_TARGET}.CreateTrail`, contentType: JSON_11, body: JSON.stringify({ Name: name, S3BucketName: name }) }),
    },
  ];
}

module.exports = { OPERATIONS, signedRequest, trailSetupRequests };
