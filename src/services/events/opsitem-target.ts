// The Systems Manager OpsItem target (arn:aws:ssm:REGION:ACCOUNT:opsitem). AWS's own OpsCenter rules
// send an input-transformed object (title, description, source, severity, category, operationalData
// as {type, value} pairs, resources as ARNs); an untransformed event becomes an OpsItem titled by its
// detail-type. OpsCenter's deduplication (/aws/dedup) drops a duplicate of an open OpsItem quietly.
import { AwsError } from '../../protocol/errors';
import type { Platform } from '../../core/platform';
import { serviceApi } from '../links';
import type { EventEnvelope } from './routing';

interface NewOpsItem {
  title: string; description: string; source: string; priority?: number; severity?: string; category?: string;
  operationalData?: Record<string, { Type?: string; Value?: string }>;
}
interface SsmApi { createOpsItemFor(p: Platform, accountId: string, region: string, principal: string, item: NewOpsItem): unknown }

const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

/** The OpsItem a delivered payload asks for. Throws an Error saying why when it is not one. */
export function opsItemOf(payload: string, event: EventEnvelope, rule: string): NewOpsItem {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(payload);
  } catch {
    throw new Error('the target input is not JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('the target input is not a JSON object');
  const data: Record<string, { Type?: string; Value?: string }> = Object.create(null);
  const transformed = typeof input.title === 'string';
  if (transformed && input.operationalData && typeof input.operationalData === 'object') {
    for (const [key, v] of Object.entries(input.operationalData as Record<string, { type?: string; value?: unknown }>)) {
      data[key] = { Type: v?.type === 'SearchableString' ? 'SearchableString' : 'String', Value: text(v?.value) ?? '' };
    }
  }
  const resources = transformed ? input.resources : event.resources;
  if (Array.isArray(resources) && resources.length && !data['/aws/resources']) {
    data['/aws/resources'] = { Type: 'SearchableString', Value: JSON.stringify(resources.map((arn) => ({ arn: String(arn) }))) };
  }
  const priority = Number(input.priority);
  return transformed
    ? {
      title: String(input.title), description: text(input.description) ?? `EventBridge rule ${rule} was triggered.`, source: text(input.source) ?? event.source,
      severity: text(input.severity), category: text(input.category), priority: Number.isInteger(priority) ? priority : undefined, operationalData: data,
    }
    : { title: event['detail-type'], description: `EventBridge rule ${rule} was triggered by event ${event.id} from ${event.source}.`, source: event.source, operationalData: data };
}

/** Creates the OpsItem for the account and Region of the target ARN, as events.amazonaws.com. */
export function createOpsItemTarget(platform: Platform, account: string, region: string, payload: string, event: EventEnvelope, rule: string): void {
  const ssm = serviceApi<SsmApi>('ssm');
  if (!ssm?.createOpsItemFor) throw new Error('Systems Manager is not available');
  try {
    ssm.createOpsItemFor(platform, account, region, 'events.amazonaws.com', opsItemOf(payload, event, rule));
  } catch (err) {
    if (err instanceof AwsError && err.code === 'OpsItemAlreadyExistsException') return;
    throw err;
  }
}
