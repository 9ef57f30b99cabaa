// VPC flow logs: CreateFlowLogs / DescribeFlowLogs / DeleteFlowLogs with AWS's checks, recorded by
// Config as AWS::EC2::FlowLog. kanri carries no packets, so a flow log is configured and ACTIVE but
// never delivers records.
import { serviceApi } from '../../links';
import { parseArn } from '../../../core/arn';
import { describe, type DescribeInput } from '../describe';
import { ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { create, find, get, newId, recordCreated, remove, where, type Ctx } from '../resources';
import { listKind, type Doc } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const FL_FIELDS: FieldMap<Doc> = {
  'deliver-log-status': (f) => f.DeliverLogsStatus,
  'flow-log-id': (f) => f.FlowLogId,
  'log-destination-type': (f) => f.LogDestinationType,
  'log-group-name': (f) => f.LogGroupName,
  'resource-id': (f) => f.ResourceId,
  'traffic-type': (f) => f.TrafficType,
};

const RESOURCE_KINDS: Record<string, string> = { VPC: 'vpc', Subnet: 'subnet', NetworkInterface: 'eni' };
const DEFAULT_FORMAT = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

interface CreateInput {
  ResourceIds?: string[]; ResourceType?: string; TrafficType?: string; LogDestinationType?: string; LogDestination?: string; LogGroupName?: string;
  DeliverLogsPermissionArn?: string; LogFormat?: string; MaxAggregationInterval?: number; TagSpecifications?: TagSpecification[]; ClientToken?: string;
  DestinationOptions?: Doc;
}

/** Where the records would go: a log group, or a bucket that must exist. */
function destination(ctx: Ctx, input: CreateInput): Doc {
  const type = input.LogDestinationType ?? 'cloud-watch-logs';
  if (type === 'cloud-watch-logs') {
    if (!input.DeliverLogsPermissionArn) throw invalidValue('DeliverLogsPermissionArn is required when LogDestinationType is cloud-watch-logs.');
    const group = input.LogGroupName ?? input.LogDestination?.split(':log-group:')[1]?.replace(/:\*$/, '');
    if (!group) throw ec2Error('MissingParameter', 'LogGroupName or LogDestination');
    return { LogDestinationType: type, LogGroupName: group, DeliverLogsPermissionArn: input.DeliverLogsPermissionArn,
      LogDestination: input.LogDestination ?? `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}` };
  }
  if (type === 's3') {
    const parsed = input.LogDestination ? parseArn(input.LogDestination) : undefined;
    if (!parsed || parsed.service !== 's3') throw invalidValue(`LogDestination: ${input.LogDestination ?? ''} is not a valid S3 bucket ARN.`);
    const bucket = parsed.resource.split('/')[0];
    const s3 = serviceApi<typeof import('../../s3/api')>('s3');
    if (s3 && !s3.findBucketInfo(ctx.platform, ctx.region, bucket)) throw invalidValue(`LogDestination: ${bucket} does not exist.`);
    return { LogDestinationType: type, LogDestination: input.LogDestination, DestinationOptions: input.DestinationOptions };
  }
  if (type === 'kinesis-data-firehose') {
    if (!input.LogDestination) throw ec2Error('MissingParameter', 'LogDestination');
    return { LogDestinationType: type, LogDestination: input.LogDestination };
  }
  throw invalidValue(`Value (${type}) for parameter logDestinationType is invalid.`);
}

export function createFlowLogs(input: CreateInput, ctx: Ctx) {
  const type = input.ResourceType ?? '';
  const kind = RESOURCE_KINDS[type];
  if (!kind) throw invalidValue(`Value (${type}) for parameter resourceType is invalid. Valid values are: VPC, Subnet, NetworkInterface.`);
  if (!input.ResourceIds?.length) throw ec2Error('MissingParameter', 'ResourceIds');
  const traffic = input.TrafficType ?? '';
  if (!['ACCEPT', 'REJECT', 'ALL'].includes(traffic)) throw invalidValue(`Value (${traffic}) for parameter trafficType is invalid.`);
  const interval = input.MaxAggregationInterval ?? 600;
  if (interval !== 60 && interval !== 600) throw invalidValue(`Value (${interval}) for parameter maxAggregationInterval is invalid. Valid values are 60 and 600.`);
  const dest = destination(ctx, input);
  const existing = listKind(ctx.platform.storage, where(ctx), 'fl');
  const ids: string[] = [];
  const unsuccessful: Doc[] = [];
  for (const resourceId of input.ResourceIds) {
    get(ctx, kind, resourceId);
    const same = existing.some((f) => f.doc.ResourceId === resourceId && f.doc.TrafficType === traffic && f.doc.LogDestination === dest.LogDestination);
    if (same) {
      unsuccessful.push({ Error: { Code: 'FlowLogAlreadyExists', Message: 'Error. There is an existing Flow Log with the same configuration and log destination.' }, ResourceId: resourceId });
      continue;
    }
    const id = newId('fl');
    const doc: Doc = {
      CreationTime: ctx.now.toISOString(), DeliverLogsStatus: 'SUCCESS', FlowLogId: id, FlowLogStatus: 'ACTIVE', ResourceId: resourceId,
      TrafficType: traffic, ...dest, LogFormat: input.LogFormat ?? DEFAULT_FORMAT, MaxAggregationInterval: interval,
    };
    const fl = create(ctx, 'fl', id, JSON.parse(JSON.stringify(doc)));
    tagOnCreate(ctx, fl, input.TagSpecifications);
    recordCreated(ctx, fl);
    ids.push(id);
  }
  return { ClientToken: input.ClientToken, FlowLogIds: ids, Unsuccessful: unsuccessful };
}

export function describeFlowLogs(input: DescribeInput & { FlowLogIds?: string[]; Filter?: DescribeInput['Filters'] }, ctx: Ctx) {
  // Unknown ids are not an error here (AWS answers an empty list), so ids filter like flow-log-id.
  const filters = [...(input.Filter ?? input.Filters ?? [])];
  if (input.FlowLogIds?.length) filters.push({ Name: 'flow-log-id', Values: input.FlowLogIds });
  const { items, nextToken } = describe(ctx, { kind: 'fl', fields: FL_FIELDS }, { ...input, Filters: filters });
  return { FlowLogs: items.map((f) => ({ ...f, CreationTime: new Date(f.CreationTime) })), NextToken: nextToken };
}

export function deleteFlowLogs(input: { FlowLogIds?: string[] }, ctx: Ctx) {
  if (!input.FlowLogIds?.length) throw ec2Error('MissingParameter', 'FlowLogIds');
  const unsuccessful: Doc[] = [];
  for (const id of input.FlowLogIds) {
    const fl = find(ctx, 'fl', id);
    if (fl) remove(ctx, fl);
    else unsuccessful.push({ Error: { Code: 'InvalidFlowLogId.NotFound', Message: `These flow log ids in the input list are not found: [TotalCount: 1] ${id}` }, ResourceId: id });
  }
  return { Unsuccessful: unsuccessful };
}
