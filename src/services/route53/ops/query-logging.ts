// Query logging configs are stored as AWS keeps them. kanri has no CloudWatch Logs, so no query
// log is delivered anywhere: the config is accepted and listed, and nothing more happens.
import { randomUUID } from 'node:crypto';
import type { Row } from '../../../storage/database';
import { parseArn } from '../../../core/arn';
import type { RequestContext } from '../../types';
import { invalidInput, r53 } from '../errors';
import { getZone } from '../views';

const view = (r: Row) => ({ Id: r.id, HostedZoneId: r.zone_id, CloudWatchLogsLogGroupArn: r.log_group_arn });

export function createQueryLoggingConfig(input: any, ctx: RequestContext) {
  const zone = getZone(ctx, input.HostedZoneId);
  if (zone.privateZone) throw invalidInput('Query logging is only available for public hosted zones.');
  const arn = parseArn(input.CloudWatchLogsLogGroupArn);
  if (!arn || arn.service !== 'logs' || !arn.resource.startsWith('log-group:')) throw invalidInput(`The ARN ${input.CloudWatchLogsLogGroupArn} is not a CloudWatch Logs log group ARN.`);
  if (arn.region !== 'us-east-1') throw invalidInput('The CloudWatch Logs log group must be in the us-east-1 Region.');
  const s = ctx.platform.storage;
  if (s.stmt('SELECT 1 FROM route53_query_logging WHERE zone_id = ?').get(zone.zoneId)) {
    throw r53('QueryLoggingConfigAlreadyExists', 'You can create only one query logging configuration for a hosted zone, and a query logging configuration already exists for this hosted zone.');
  }
  const id = randomUUID();
  s.stmt('INSERT INTO route53_query_logging (id, account_id, zone_id, log_group_arn) VALUES (?, ?, ?, ?)').run(id, ctx.accountId, zone.zoneId, input.CloudWatchLogsLogGroupArn);
  return { QueryLoggingConfig: { Id: id, HostedZoneId: zone.zoneId, CloudWatchLogsLogGroupArn: input.CloudWatchLogsLogGroupArn },
    Location: `https://route53.amazonaws.com/2013-04-01/queryloggingconfig/${id}` };
}

function find(ctx: RequestContext, id: string): Row {
  const r = ctx.platform.storage.stmt('SELECT * FROM route53_query_logging WHERE id = ? AND account_id = ?').get(id, ctx.accountId) as Row | undefined;
  if (!r) throw r53('NoSuchQueryLoggingConfig', 'There is no DNS query logging configuration with the specified ID.');
  return r;
}

export function getQueryLoggingConfig(input: any, ctx: RequestContext) {
  return { QueryLoggingConfig: view(find(ctx, input.Id)) };
}

export function deleteQueryLoggingConfig(input: any, ctx: RequestContext) {
  ctx.platform.storage.stmt('DELETE FROM route53_query_logging WHERE id = ?').run(find(ctx, input.Id).id);
  return {};
}

export function listQueryLoggingConfigs(input: any, ctx: RequestContext) {
  const s = ctx.platform.storage;
  const rows = (input.HostedZoneId !== undefined
    ? s.stmt('SELECT * FROM route53_query_logging WHERE account_id = ? AND zone_id = ? ORDER BY id').all(ctx.accountId, getZone(ctx, input.HostedZoneId).zoneId)
    : s.stmt('SELECT * FROM route53_query_logging WHERE account_id = ? ORDER BY id').all(ctx.accountId)) as Row[];
  const max = input.MaxResults === undefined ? 100 : Math.max(1, Math.min(Number(input.MaxResults) || 100, 100));
  const from = input.NextToken === undefined ? 0 : Number(input.NextToken);
  if (!Number.isInteger(from) || from < 0 || from > rows.length) throw r53('InvalidPaginationToken', 'The value that you specified for NextToken in a List request isn\'t valid.');
  return { QueryLoggingConfigs: rows.slice(from, from + max).map(view), ...(from + max < rows.length ? { NextToken: String(from + max) } : {}) };
}
