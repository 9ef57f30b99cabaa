// Test helper: a managed instance id to put inventory for (registered once the managed-instance store lands).
import type * as S from '@aws-sdk/client-ssm';
import type { Kanri } from './harness';

let n = 0;
export async function managedInstance(_kanri: Kanri, _ssm: S.SSMClient): Promise<string> {
  n += 1;
  return `mi-${String(n).padStart(17, '0')}`;
}
