// Test helper: registers a managed instance (mi-…) through an activation, as `kanri agent register
// --no-run` does, without keeping an agent running.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as S from '@aws-sdk/client-ssm';
import type { Kanri } from './harness';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { registerAgent } = require('../dist/agent/core.js') as { registerAgent: (o: object) => Promise<{ instanceId: string }> };

export async function managedInstance(kanri: Kanri, ssm: S.SSMClient): Promise<string> {
  const act = await ssm.send(new S.CreateActivationCommand({ IamRole: 'SSMServiceRole', RegistrationLimit: 1 }));
  const reg = await registerAgent({ code: act.ActivationCode, id: act.ActivationId, region: 'us-east-1', endpoint: kanri.url, stateDir: mkdtempSync(join(tmpdir(), 'kanri-inv-')) });
  return reg.instanceId;
}
