// Service settings (GetServiceSetting, UpdateServiceSetting, ResetServiceSetting). Two of them act:
// /ssm/parameter-store/default-parameter-tier is the tier of a PutParameter that names none, and
// /ssm/documents/console/public-sharing-permission Disable stops documents being shared with All.
// The others are kept and returned, with AWS's defaults and allowed values.
import { arn } from '../../core/arn';
import { AwsError } from '../../protocol/errors';
import type { Row, Storage } from '../../storage/database';
import type { RequestContext } from '../types';
import { validation } from './errors';
import type { Scope } from './store-parameters';

export const SETTING_MIGRATIONS = [
  `CREATE TABLE ssm_service_settings (
     account_id TEXT NOT NULL, region TEXT NOT NULL, setting_id TEXT NOT NULL, value TEXT NOT NULL,
     modified_at INTEGER NOT NULL, modified_user TEXT NOT NULL,
     PRIMARY KEY (account_id, region, setting_id));`,
];

interface Definition { default: string; allowed?: string[] }

const SETTINGS: Record<string, Definition> = {
  '/ssm/parameter-store/default-parameter-tier': { default: 'Standard', allowed: ['Standard', 'Advanced', 'Intelligent-Tiering'] },
  '/ssm/parameter-store/high-throughput-enabled': { default: 'false', allowed: ['true', 'false'] },
  '/ssm/documents/console/public-sharing-permission': { default: 'Enable', allowed: ['Enable', 'Disable'] },
  '/ssm/managed-instance/activation-tier': { default: 'standard', allowed: ['standard', 'advanced'] },
  '/ssm/opsinsights/opscenter': { default: 'Disabled', allowed: ['Enabled', 'Disabled'] },
  '/ssm/automation/customer-script-log-destination': { default: 'NONE', allowed: ['CloudWatch', 'NONE'] },
  '/ssm/automation/customer-script-log-group-name': { default: '/aws/ssm/automation/executeScript' },
  '/ssm/managed-instance/default-ec2-instance-management-role': { default: '' },
};

function notFound(): AwsError {
  return new AwsError('ServiceSettingNotFound',
    'The specified service setting wasn\'t found. Either the service name or the setting hasn\'t been provisioned by the AWS service team.');
}

/** The short setting id, from itself or from the setting's ARN. */
function settingIdOf(ctx: RequestContext, text: string): string {
  const prefix = arn('ssm', ctx.region, ctx.accountId, 'servicesetting');
  const id = text.startsWith('arn:') ? (text.startsWith(prefix) ? text.slice(prefix.length) : '') : text;
  if (!Object.hasOwn(SETTINGS, id)) throw notFound();
  return id;
}

function stored(storage: Storage, s: Scope, id: string): Row | undefined {
  return storage.stmt('SELECT * FROM ssm_service_settings WHERE account_id = ? AND region = ? AND setting_id = ?').get(s.accountId, s.region, id) as Row | undefined;
}

/** A setting's value for the account and Region (its default unless changed). */
export function settingValue(storage: Storage, s: Scope, id: string): string {
  return (stored(storage, s, id)?.value as string | undefined) ?? SETTINGS[id].default;
}

function view(ctx: RequestContext, id: string) {
  const row = stored(ctx.platform.storage, ctx, id);
  return {
    SettingId: id, SettingValue: row?.value ?? SETTINGS[id].default, LastModifiedDate: new Date(row?.modified_at ?? 0),
    LastModifiedUser: row?.modified_user ?? 'System', ARN: arn('ssm', ctx.region, ctx.accountId, `servicesetting${id}`), Status: row ? 'Customized' : 'Default',
  };
}

export function getServiceSetting(input: { SettingId: string }, ctx: RequestContext) {
  return { ServiceSetting: view(ctx, settingIdOf(ctx, input.SettingId)) };
}

export function updateServiceSetting(input: { SettingId: string; SettingValue: string }, ctx: RequestContext) {
  const id = settingIdOf(ctx, input.SettingId);
  const allowed = SETTINGS[id].allowed;
  if (allowed && !allowed.includes(input.SettingValue)) {
    throw validation(`The value ${input.SettingValue} is not valid for ${id}. Valid values are ${allowed.join(', ')}.`);
  }
  ctx.platform.storage.stmt(`INSERT INTO ssm_service_settings (account_id, region, setting_id, value, modified_at, modified_user) VALUES (?, ?, ?, ?, ?, ?)
                             ON CONFLICT (account_id, region, setting_id) DO UPDATE SET value = excluded.value, modified_at = excluded.modified_at,
                             modified_user = excluded.modified_user`)
    .run(ctx.accountId, ctx.region, id, input.SettingValue, ctx.now.getTime(), ctx.principal.arn);
  return {};
}

export function resetServiceSetting(input: { SettingId: string }, ctx: RequestContext) {
  const id = settingIdOf(ctx, input.SettingId);
  ctx.platform.storage.stmt('DELETE FROM ssm_service_settings WHERE account_id = ? AND region = ? AND setting_id = ?').run(ctx.accountId, ctx.region, id);
  return { ServiceSetting: view(ctx, id) };
}
