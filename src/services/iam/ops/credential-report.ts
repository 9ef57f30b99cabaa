// The credential report: one CSV row per user (and the root user) with password, MFA and access
// key facts, as AWS documents its columns. A report is kept for four hours.
import { AwsError } from '../../../protocol/errors';
import { partitionOf } from '../../../core/arn';
import type { Storage } from '../../../storage/database';
import { allEntities, type EntityRow } from '../store';
import { keysOfUser } from '../store-keys';
import { credentialReport, loginProfile, mfaDevicesOfUser, passwordPolicy, putCredentialReport } from '../store-security';
import type { RequestContext } from '../../types';

const KEEP_MS = 4 * 3600_000;
const DAY_MS = 86_400_000;

export const REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];

/** The report's time format: ISO 8601 to the second with an explicit offset. */
const time = (iso: string | number) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function userRow(storage: Storage, accountId: string, u: EntityRow): string[] {
  const profile = loginProfile(storage, u.id);
  const maxAge = (passwordPolicy(storage, accountId)?.MaxPasswordAge as number | undefined) ?? 0;
  const keys = keysOfUser(storage, u.id);
  const key = (i: number) => {
    const k = keys[i];
    if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
    // kanri knows when a key signed but not where or for what.
    return [String(k.status === 'Active'), time(k.createDate), k.lastUsedDate ? time(k.lastUsedDate) : 'N/A', 'N/A', 'N/A'];
  };
  return [
    u.name, u.arn, time(u.createDate), String(!!profile), profile ? 'no_information' : 'N/A', profile ? time(profile.passwordLastChanged) : 'N/A',
    profile && maxAge ? time(Date.parse(profile.passwordLastChanged) + maxAge * DAY_MS) : 'N/A',
    String(mfaDevicesOfUser(storage, u.id).length > 0), ...key(0), ...key(1), 'false', 'N/A', 'false', 'N/A',
  ];
}

/** The report's rows, header first. */
export function reportRows(storage: Storage, accountId: string, partition: string): string[][] {
  const root = [
    '<root_account>', `arn:${partition}:iam::${accountId}:root`, time(0), 'not_supported', 'no_information', 'not_supported', 'not_supported',
    'false', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A',
  ];
  return [REPORT_COLUMNS, root, ...allEntities(storage, 'user', accountId).map((u) => userRow(storage, accountId, u))];
}

export function generateCredentialReport(_input: unknown, ctx: RequestContext) {
  const existing = credentialReport(ctx.platform.storage, ctx.accountId);
  const now = ctx.platform.clock.now();
  if (existing && now - Date.parse(existing.generated) < KEEP_MS) return { State: 'COMPLETE' };
  const csv = reportRows(ctx.platform.storage, ctx.accountId, partitionOf(ctx.region)).map((r) => r.join(',')).join('\n');
  putCredentialReport(ctx.platform.storage, ctx.accountId, ctx.now.toISOString(), csv);
  return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
}

export function getCredentialReport(_input: unknown, ctx: RequestContext) {
  const report = credentialReport(ctx.platform.storage, ctx.accountId);
  if (!report) {
    throw new AwsError('CredentialReportNotPresentException', 'Unable to find a credential report. Call GenerateCredentialReport to create one.', 410);
  }
  if (ctx.platform.clock.now() - Date.parse(report.generated) >= KEEP_MS) {
    throw new AwsError('CredentialReportExpiredException', 'The requested credential report has expired. To generate a new report, call GenerateCredentialReport.', 410);
  }
  return { Content: Buffer.from(report.content, 'utf8'), ReportFormat: 'text/csv', GeneratedTime: new Date(report.generated) };
}
