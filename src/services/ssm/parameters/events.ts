// Parameter Store's EventBridge events: "Parameter Store Change" for every create, update,
// delete and label change, and "Parameter Store Policy Action" when a policy acts. They are put on
// the default bus in the caller's transaction, and delivered after it commits.
import type { Platform } from '../../../core/platform';
import { serviceApi } from '../../links';
import type * as EventsApi from '../../events/api';
import { parameterArn } from '../names';

export interface ParameterRef { accountId: string; region: string; displayName: string; type: string; description: string | null }

export function parameterChanged(platform: Platform, p: ParameterRef, operation: 'Create' | 'Update' | 'Delete' | 'LabelParameterVersion', time?: Date): void {
  const events = serviceApi<typeof EventsApi>('events');
  if (!events) return;
  const detail: Record<string, string> = { operation, name: p.displayName, type: p.type };
  if (p.description) detail.description = p.description;
  events.putEvent(platform, p.accountId, p.region, {
    source: 'aws.ssm', detailType: 'Parameter Store Change', detail, resources: [parameterArn(p.region, p.accountId, p.displayName)], time,
  });
}

export function policyActed(platform: Platform, p: ParameterRef, policyType: string, policyText: string, reason: string, time: Date): void {
  const events = serviceApi<typeof EventsApi>('events');
  if (!events) return;
  events.putEvent(platform, p.accountId, p.region, {
    source: 'aws.ssm', detailType: 'Parameter Store Policy Action', resources: [parameterArn(p.region, p.accountId, p.displayName)], time,
    detail: {
      'parameter-name': p.displayName, 'parameter-type': p.type, 'policy-type': policyType, 'policy-content': policyText,
      'action-status': 'Finished', 'action-reason': reason,
    },
  });
}
