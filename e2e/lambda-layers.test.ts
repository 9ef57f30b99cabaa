// Lambda layers: published versions, their policies, and functions that load code from them.
import {
  AddLayerVersionPermissionCommand, CreateFunctionCommand, DeleteLayerVersionCommand, GetFunctionConfigurationCommand, GetLayerVersionByArnCommand,
  GetLayerVersionCommand, GetLayerVersionPolicyCommand, InvokeCommand, LambdaClient, ListLayersCommand, ListLayerVersionsCommand, PublishLayerVersionCommand,
} from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rejects, type Kanri } from './harness';
import { zip } from './lambda-zip';
import { decode, ROLE, withLambdaKanri } from './lambda-kit';

const LAYER = 'arn:aws:lambda:us-east-1:000000000000:layer';
let kanri: Kanri;
let lambda: LambdaClient;
withLambdaKanri((k, l) => { kanri = k; lambda = l; });


describe('layers', () => {
  it('publishes, lists and deletes layer versions, with policies', async () => {
    const pkg = zip({ 'nodejs/node_modules/greet/index.js': 'module.exports = (n) => `hello ${n} from a layer`;' });
    const v1 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: pkg }, CompatibleRuntimes: ['nodejs20.x'] }));
    expect([v1.Version, v1.LayerArn, v1.LayerVersionArn]).toEqual([1, `${LAYER}:greet`, `${LAYER}:greet:1`]);
    expect([v1.Content?.CodeSha256, v1.Content?.CodeSize]).toEqual([createHash('sha256').update(pkg).digest('base64'), pkg.length]);
    const v2 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: pkg }, CompatibleRuntimes: ['python3.11'] }));
    expect(v2.Version).toBe(2);
    expect((await lambda.send(new ListLayerVersionsCommand({ LayerName: 'greet' }))).LayerVersions?.map((v) => v.Version)).toEqual([2, 1]);
    const listed = await lambda.send(new ListLayersCommand({ CompatibleRuntime: 'nodejs20.x' }));
    expect(listed.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version])).toEqual([['greet', 1]]);
    expect((await lambda.send(new GetLayerVersionByArnCommand({ Arn: `${LAYER}:greet:2` }))).Version).toBe(2);
    const st = await lambda.send(new AddLayerVersionPermissionCommand({ LayerName: 'greet', VersionNumber: 1, StatementId: 'all', Action: 'lambda:GetLayerVersion', Principal: '*' }));
    expect(JSON.parse(st.Statement!)).toEqual({ Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'lambda:GetLayerVersion', Resource: `${LAYER}:greet:1` });
    expect(JSON.parse((await lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'greet', VersionNumber: 1 }))).Policy!).Statement).toHaveLength(1);
    await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'greet', VersionNumber: 2 }));
    await rejects(lambda.send(new GetLayerVersionCommand({ LayerName: 'greet', VersionNumber: 2 })), 'ResourceNotFoundException', 404, 'The resource you requested does not exist.');
    const v3 = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'greet', Content: { ZipFile: pkg } }));
    expect(v3.Version).toBe(3); // numbers keep counting after a delete
  });

  it('runs Node.js and Python functions that load code from their layers', async () => {
    const nodeLayer = await lambda.send(new PublishLayerVersionCommand({
      LayerName: 'node-lib', Content: { ZipFile: zip({ 'nodejs/node_modules/shout/index.js': 'module.exports = (s) => s.toUpperCase() + "!";' }) },
    }));
    const pyLayer = await lambda.send(new PublishLayerVersionCommand({
      LayerName: 'py-lib', Content: { ZipFile: zip({ 'python/shout.py': 'def shout(s):\n    return s.upper() + "!"\n' }) },
    }));
    const fn = await lambda.send(new CreateFunctionCommand({
      FunctionName: 'layered', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Layers: [nodeLayer.LayerVersionArn!],
      Code: { ZipFile: zip({ 'index.js': 'const shout = require("shout"); exports.handler = async (e) => shout(e.word);' }) },
    }));
    expect(fn.Layers).toEqual([{ Arn: nodeLayer.LayerVersionArn, CodeSize: nodeLayer.Content!.CodeSize }]);
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'layered', Payload: Buffer.from('{"word":"hi"}') }))).Payload)).toBe('HI!');
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'pylayered', Runtime: 'python3.11', Role: ROLE, Handler: 'app.handler', Layers: [pyLayer.LayerVersionArn!],
      Code: { ZipFile: zip({ 'app.py': 'from shout import shout\ndef handler(event, context):\n    return shout(event["word"])\n' }) },
    }));
    // Deleting the layer version leaves the function its copy, as in AWS.
    await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'py-lib', VersionNumber: pyLayer.Version! }));
    expect(decode((await lambda.send(new InvokeCommand({ FunctionName: 'pylayered', Payload: Buffer.from('{"word":"yo"}') }))).Payload)).toBe('YO!');
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'pylayered' }))).Layers?.[0].Arn).toBe(pyLayer.LayerVersionArn);
    await rejects(lambda.send(new CreateFunctionCommand({
      FunctionName: 'nolayer', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Layers: [`${LAYER}:missing:1`], Code: { ZipFile: zip({ 'index.js': '' }) },
    })), 'InvalidParameterValueException', 400, `Layer version ${LAYER}:missing:1 does not exist.`);
  });
});
