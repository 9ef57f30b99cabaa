// SQS's former query protocol, which older clients still speak: form-encoded requests, XML answers
// with the query-era names, and query-era error codes. boto3 runs with SQS's last query model
// (shipped in the Google Cloud SDK's copy of botocore) when the machine has it.
import { existsSync, mkdirSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3, startTestKanri, type Kanri } from './harness';

const QUERY_MODEL = '/usr/lib/google-cloud-sdk/lib/third_party/botocore/data/sqs/2012-11-05/service-2.json';
let kanri: Kanri;
let dataPath: string;

beforeAll(async () => {
  kanri = await startTestKanri();
  dataPath = mkdtempSync(join(tmpdir(), 'kanri-sqs-query-'));
  if (existsSync(QUERY_MODEL)) {
    mkdirSync(join(dataPath, 'sqs', '2012-11-05'), { recursive: true });
    copyFileSync(QUERY_MODEL, join(dataPath, 'sqs', '2012-11-05', 'service-2.json'));
  }
});
afterAll(async () => {
  await kanri.stop();
  rmSync(dataPath, { recursive: true, force: true });
});

const form = (path: string, params: Record<string, string>) =>
  fetch(`${kanri.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Version: '2012-11-05', ...params }) });

describe('SQS over the query protocol', () => {
  it('answers form requests with query-era XML', async () => {
    let res = await form('/', { Action: 'CreateQueue', QueueName: 'legacy', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '40', 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<CreateQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><CreateQueueResult><QueueUrl>');
    res = await form('/000000000000/legacy', { Action: 'SendMessage', QueueUrl: `${kanri.url}/000000000000/legacy`, MessageBody: 'hi',
      'MessageAttribute.1.Name': 'a', 'MessageAttribute.1.Value.DataType': 'String', 'MessageAttribute.1.Value.StringValue': 'b' });
    expect(await res.text()).toContain('<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>');
    res = await form('/000000000000/legacy', { Action: 'ReceiveMessage', QueueUrl: `${kanri.url}/000000000000/legacy`, 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All' });
    const received = await res.text();
    expect(received).toContain('<ReceiveMessageResult><Message>');
    expect(received).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(received).toContain('<MessageAttribute><Name>a</Name><Value><DataType>String</DataType><StringValue>b</StringValue></Value></MessageAttribute>');
  });

  it('answers query-era error codes in XML', async () => {
    const res = await form('/', { Action: 'GetQueueUrl', QueueName: 'missing' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message></Error>');
  });

  it.skipIf(!existsSync(QUERY_MODEL))('works with boto3 speaking the query protocol', async () => {
    const out = await boto3(kanri, `
import boto3, json, os
os.environ['AWS_DATA_PATH'] = ${JSON.stringify(dataPath)}
c = boto3.session.Session().client('sqs', endpoint_url=os.environ['KANRI_URL'])
assert c.meta.service_model.protocol == 'query'
url = c.create_queue(QueueName='boto-legacy', Attributes={'DelaySeconds': '0'}, tags={'t': '1'})['QueueUrl']
sent = c.send_message_batch(QueueUrl=url, Entries=[{'Id': 'a', 'MessageBody': 'x', 'MessageAttributes': {'n': {'DataType': 'Number', 'StringValue': '7'}}}, {'Id': 'b', 'MessageBody': 'y', 'MessageAttributes': {'n': {'DataType': 'Number', 'StringValue': 'z'}}}])
got = c.receive_message(QueueUrl=url, MessageAttributeNames=['All'], AttributeNames=['All'], MaxNumberOfMessages=10)['Messages']
c.delete_message_batch(QueueUrl=url, Entries=[{'Id': 'd', 'ReceiptHandle': got[0]['ReceiptHandle']}])
try:
    c.get_queue_url(QueueName='nope')
    err = None
except c.exceptions.QueueDoesNotExist as e:
    err = e.response['Error']['Code']
print(json.dumps({
  'attrs': c.get_queue_attributes(QueueUrl=url, AttributeNames=['DelaySeconds', 'ApproximateNumberOfMessages'])['Attributes'],
  'tags': c.list_queue_tags(QueueUrl=url)['Tags'], 'ok': [e['Id'] for e in sent['Successful']], 'failed': [e['Code'] for e in sent['Failed']],
  'body': got[0]['Body'], 'n': got[0]['MessageAttributes']['n']['StringValue'], 'count': got[0]['Attributes']['ApproximateReceiveCount'],
  'urls': c.list_queues(QueueNamePrefix='boto-')['QueueUrls'], 'err': err}))`);
    expect(out).toEqual({
      attrs: { DelaySeconds: '0', ApproximateNumberOfMessages: '0' }, tags: { t: '1' }, ok: ['a'], failed: ['InvalidParameterValue'],
      body: 'x', n: '7', count: '1', urls: [`${kanri.url}/000000000000/boto-legacy`], err: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });
});
