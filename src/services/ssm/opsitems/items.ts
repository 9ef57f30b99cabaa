// CreateOpsItem, GetOpsItem, UpdateOpsItem, DeleteOpsItem. An OpsItem starts Open and moves
// between Open, InProgress and Resolved only when someone updates it. OperationalData's /aws/dedup
// string keeps a second open OpsItem for the same problem from being created.
import { randomBytes } from 'node:crypto';
import { arn } from '../../../core/arn';
import { AwsError } from '../../../protocol/errors';
import type { RequestContext } from '../../types';
import { serviceApi } from '../../links';
import type * as SnsApi from '../../sns/api';
import { putTag } from '../store-parameters';
import { deleteOpsItemRows, findOpsItem, listOpsItems, saveOpsItem, type OpsItemRecord } from '../store-opsitems';

const TYPES = ['/aws/issue', '/aws/changerequest', '/aws/insight'];
const ISSUE_STATUSES = ['Open', 'InProgress', 'Resolved'];
const CATEGORIES = ['Availability', 'Cost', 'Performance', 'Recovery', 'Security'];
const SEVERITIES = ['1', '2', '3', '4'];
const MAX_DATA_BYTES = 20 * 1024;
const RESERVED_KEYS = ['/aws/dedup', '/aws/resources', '/aws/automations', '/aws/insight', '/aws/ssm', '/aws/changerequest'];

type Data = Record<string, { Type?: string; Value?: string }>;

export function invalidParameter(names: string[], message: string): AwsError {
  return new AwsError('OpsItemInvalidParameterException', message, 400, true, { ParameterNames: names });
}

export function notFound(id: string): AwsError {
  return new AwsError('OpsItemNotFoundException', `OpsItem with id ${id} not found.`);
}

export const opsItemArn = (ctx: RequestContext, id: string) => arn('ssm', ctx.region, ctx.accountId, `opsitem/${id}`);

function checkData(data: Data | undefined): void {
  if (!data) return;
  let bytes = 0;
  for (const [key, v] of Object.entries(data)) {
    if (/^(amazon|aws|ssm)/i.test(key) || (key.startsWith('/aws/') && !RESERVED_KEYS.includes(key))) {
      throw invalidParameter(['OperationalData'], `OperationalData key ${key} is not valid: keys can't begin with amazon, aws or ssm (case-insensitive), other than the reserved /aws/ keys.`);
    }
    if (v.Type !== undefined && v.Type !== 'SearchableString' && v.Type !== 'String') throw invalidParameter(['OperationalData'], `OperationalData type ${v.Type} is not valid.`);
    bytes += Buffer.byteLength(key) + Buffer.byteLength(v.Value ?? '');
  }
  if (bytes > MAX_DATA_BYTES) throw invalidParameter(['OperationalData'], 'OperationalData can be at most 20 KB.');
}

function checkFields(input: { Severity?: string; Category?: string; Notifications?: { Arn?: string }[] }): void {
  if (input.Severity !== undefined && !SEVERITIES.includes(input.Severity)) throw invalidParameter(['Severity'], `Severity ${input.Severity} is not valid. Valid values are 1, 2, 3 and 4.`);
  if (input.Category !== undefined && !CATEGORIES.includes(input.Category)) {
    throw invalidParameter(['Category'], `Category ${input.Category} is not valid. Valid values are ${CATEGORIES.join(', ')}.`);
  }
  for (const n of input.Notifications ?? []) {
    if (!n.Arn || !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+$/.test(n.Arn)) throw invalidParameter(['Notifications'], `Notification ${n.Arn ?? ''} is not an SNS topic ARN.`);
  }
}

function dedupString(data: Data | undefined): string | undefined {
  const raw = data?.['/aws/dedup']?.Value;
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { dedupString?: unknown };
    return typeof parsed.dedupString === 'string' ? parsed.dedupString : undefined;
  } catch {
    throw invalidParameter(['OperationalData'], '/aws/dedup must be JSON such as {"dedupString":"my-problem"}.');
  }
}

/**
 * Tells the OpsItem's notification topics that it was created or changed. A topic that is gone
 * does not fail the change (the notification is lost, as on AWS).
 */
function notify(ctx: RequestContext, item: OpsItemRecord, change: 'Created' | 'Updated'): void {
  const sns = serviceApi<typeof SnsApi>('sns');
  if (!sns) return;
  for (const n of item.Notifications) {
    const message = JSON.stringify({ change: `OpsItem ${change}`, opsItemId: item.OpsItemId, opsItemArn: opsItemArn(ctx, item.OpsItemId), title: item.Title,
      status: item.Status, source: item.Source, priority: item.Priority, severity: item.Severity, category: item.Category,
      lastModifiedBy: item.LastModifiedBy, lastModifiedTime: new Date(item.LastModifiedTime).toISOString() });
    try {
      sns.publishToTopic(ctx.platform, n.Arn!, { message, subject: `OpsItem ${item.OpsItemId} ${change.toLowerCase()}: ${item.Title}`.slice(0, 100) });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
    }
  }
}

const time = (d: Date | undefined) => (d === undefined ? undefined : d.getTime());

export function createOpsItem(input: {
  Title: string; Description: string; Source: string; OpsItemType?: string; OperationalData?: Data; Notifications?: { Arn?: string }[]; Priority?: number;
  RelatedOpsItems?: { OpsItemId: string }[]; Tags?: { Key: string; Value: string }[]; Category?: string; Severity?: string; AccountId?: string;
  ActualStartTime?: Date; ActualEndTime?: Date; PlannedStartTime?: Date; PlannedEndTime?: Date;
}, ctx: RequestContext, byService = false) {
  if (input.AccountId !== undefined && input.AccountId !== ctx.accountId) {
    throw new AwsError('OpsItemAccessDeniedException', `You don't have permission to create OpsItems in account ${input.AccountId}.`);
  }
  const type = input.OpsItemType ?? '/aws/issue';
  if (!TYPES.includes(type)) throw invalidParameter(['OpsItemType'], `OpsItemType ${type} is not valid. Valid types are ${TYPES.join(', ')}.`);
  // AWS keeps these names for the OpsItems its own services create.
  if (!byService && /aws|amazon|amzn/i.test(input.Source)) throw invalidParameter(['Source'], 'The source name can\'t contain the following strings: aws, amazon, and amzn.');
  checkData(input.OperationalData);
  checkFields(input);
  const dedup = dedupString(input.OperationalData);
  if (dedup) {
    const open = listOpsItems(ctx.platform.storage, ctx, undefined, 100_000).find((i) => i.Status !== 'Resolved' && dedupString(i.OperationalData) === dedup);
    if (open) throw new AwsError('OpsItemAlreadyExistsException', 'The OpsItem already exists.', 400, true, { OpsItemId: open.OpsItemId });
  }
  const now = ctx.now.getTime();
  const item: OpsItemRecord = {
    OpsItemId: `oi-${randomBytes(6).toString('hex')}`, Title: input.Title, Description: input.Description, Source: input.Source, Status: 'Open', OpsItemType: type,
    CreatedBy: ctx.principal.arn, CreatedTime: now, LastModifiedBy: ctx.principal.arn, LastModifiedTime: now, Version: 1,
    Priority: input.Priority, Severity: input.Severity, Category: input.Category, OperationalData: input.OperationalData ?? {},
    Notifications: input.Notifications ?? [], RelatedOpsItems: input.RelatedOpsItems ?? [],
    ActualStartTime: time(input.ActualStartTime), ActualEndTime: time(input.ActualEndTime), PlannedStartTime: time(input.PlannedStartTime), PlannedEndTime: time(input.PlannedEndTime),
  };
  saveOpsItem(ctx.platform.storage, ctx, item);
  for (const t of input.Tags ?? []) putTag(ctx.platform.storage, ctx, 'OpsItem', item.OpsItemId, t.Key, t.Value);
  ctx.touch('AWS::SSM::OpsItem', item.OpsItemId);
  notify(ctx, item, 'Created');
  return { OpsItemId: item.OpsItemId, OpsItemArn: opsItemArn(ctx, item.OpsItemId) };
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function opsItemView(ctx: RequestContext, i: OpsItemRecord) {
  return {
    CreatedBy: i.CreatedBy, OpsItemType: i.OpsItemType, CreatedTime: date(i.CreatedTime), Description: i.Description, LastModifiedBy: i.LastModifiedBy,
    LastModifiedTime: date(i.LastModifiedTime), Notifications: i.Notifications, Priority: i.Priority, RelatedOpsItems: i.RelatedOpsItems, Status: i.Status,
    OpsItemId: i.OpsItemId, Version: String(i.Version), Title: i.Title, Source: i.Source, OperationalData: i.OperationalData, Category: i.Category,
    Severity: i.Severity, ActualStartTime: date(i.ActualStartTime), ActualEndTime: date(i.ActualEndTime), PlannedStartTime: date(i.PlannedStartTime),
    PlannedEndTime: date(i.PlannedEndTime), OpsItemArn: opsItemArn(ctx, i.OpsItemId),
  };
}

export function requireOpsItem(ctx: RequestContext, id: string | undefined): OpsItemRecord {
  if (!id) throw invalidParameter(['OpsItemId'], 'OpsItemId is required.');
  const item = findOpsItem(ctx.platform.storage, ctx, id);
  if (!item) throw notFound(id);
  return item;
}

export function getOpsItem(input: { OpsItemId: string; OpsItemArn?: string }, ctx: RequestContext) {
  return { OpsItem: opsItemView(ctx, requireOpsItem(ctx, input.OpsItemId)) };
}

export function updateOpsItem(input: {
  OpsItemId: string; Status?: string; Title?: string; Description?: string; OperationalData?: Data; OperationalDataToDelete?: string[]; Priority?: number;
  Notifications?: { Arn?: string }[]; RelatedOpsItems?: { OpsItemId: string }[]; Category?: string; Severity?: string;
  ActualStartTime?: Date; ActualEndTime?: Date; PlannedStartTime?: Date; PlannedEndTime?: Date;
}, ctx: RequestContext) {
  const item = requireOpsItem(ctx, input.OpsItemId);
  if (input.Status !== undefined && item.OpsItemType === '/aws/issue' && !ISSUE_STATUSES.includes(input.Status)) {
    throw invalidParameter(['Status'], `Status ${input.Status} is not valid for an OpsItem of type /aws/issue. Valid statuses are Open, InProgress and Resolved.`);
  }
  checkData(input.OperationalData);
  checkFields(input);
  const data: Data = { ...item.OperationalData, ...(input.OperationalData ?? {}) };
  for (const key of input.OperationalDataToDelete ?? []) delete data[key];
  checkData(data);
  const next: OpsItemRecord = {
    ...item, Status: input.Status ?? item.Status, Title: input.Title ?? item.Title, Description: input.Description ?? item.Description, OperationalData: data,
    Priority: input.Priority ?? item.Priority, Notifications: input.Notifications ?? item.Notifications, RelatedOpsItems: input.RelatedOpsItems ?? item.RelatedOpsItems,
    Category: input.Category ?? item.Category, Severity: input.Severity ?? item.Severity,
    ActualStartTime: time(input.ActualStartTime) ?? item.ActualStartTime, ActualEndTime: time(input.ActualEndTime) ?? item.ActualEndTime,
    PlannedStartTime: time(input.PlannedStartTime) ?? item.PlannedStartTime, PlannedEndTime: time(input.PlannedEndTime) ?? item.PlannedEndTime,
    LastModifiedBy: ctx.principal.arn, LastModifiedTime: ctx.now.getTime(), Version: item.Version + 1,
  };
  saveOpsItem(ctx.platform.storage, ctx, next);
  ctx.touch('AWS::SSM::OpsItem', item.OpsItemId);
  notify(ctx, next, 'Updated');
  return {};
}

export function deleteOpsItem(input: { OpsItemId: string }, ctx: RequestContext) {
  if (!/^(oi)-[0-9a-f]{12}$/.test(input.OpsItemId)) throw invalidParameter(['OpsItemId'], `OpsItemId ${input.OpsItemId} is not valid.`);
  // AWS answers success for an OpsItem that is already gone.
  deleteOpsItemRows(ctx.platform.storage, ctx, input.OpsItemId);
  return {};
}
