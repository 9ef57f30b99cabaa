// What the Lambda suites share: the role they name, decoding a payload, and a kanri that runs
// function code (runLambdas) for the whole file.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll } from 'vitest';
import { sdkConfig, startTestKanri, type Kanri } from './harness';

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export const decode = (p?: Uint8Array) => (p ? JSON.parse(Buffer.from(p).toString('utf8')) : undefined);

/** Starts kanri with runLambdas before the file's (or block's) tests, hands over it and a Lambda client, and stops it after. */
export function withLambdaKanri(ready: (kanri: Kanri, lambda: LambdaClient) => void): void {
  let kanri: Kanri | undefined;
  beforeAll(async () => {
    kanri = await startTestKanri(null, { runLambdas: true });
    ready(kanri, new LambdaClient(sdkConfig(kanri)));
  });
  afterAll(async () => kanri?.stop());
}
