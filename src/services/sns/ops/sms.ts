// Account SMS settings and opt-outs. kanri writes SMS to a folder and never receives replies, so
// nobody opts out: the opted-out list stays empty, and the account is out of the SMS sandbox.
import type { RequestContext } from '../../types';
import { invalidParameter } from '../errors';
import { putSmsAttribute, smsAttributes } from '../store';

const SMS_ATTRIBUTES: Record<string, (v: string) => boolean> = {
  MonthlySpendLimit: (v) => /^\d+$/.test(v),
  DeliveryStatusIAMRole: (v) => v === '' || /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(v),
  DeliveryStatusSuccessSamplingRate: (v) => /^(100|\d{1,2})$/.test(v),
  DefaultSenderID: (v) => /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(v),
  DefaultSMSType: (v) => v === 'Promotional' || v === 'Transactional',
  UsageReportS3Bucket: (v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v),
};

const PHONE = /^\+?[1-9]\d{1,14}$/;

export function setSMSAttributes(input: { attributes: Record<string, string> }, ctx: RequestContext) {
  for (const name of Object.keys(input.attributes)) {
    const check = Object.hasOwn(SMS_ATTRIBUTES, name) ? SMS_ATTRIBUTES[name] : undefined;
    if (!check) throw invalidParameter(`Invalid parameter: ${name}`);
    if (!check(input.attributes[name])) throw invalidParameter(`Invalid parameter: ${name} Reason: the value ${input.attributes[name]} is not valid`);
  }
  for (const name of Object.keys(input.attributes)) putSmsAttribute(ctx.platform.storage, ctx.accountId, ctx.region, name, input.attributes[name]);
  return {};
}

export function getSMSAttributes(input: { attributes?: string[] }, ctx: RequestContext) {
  const all = smsAttributes(ctx.platform.storage, ctx.accountId, ctx.region);
  if (!input.attributes?.length) return { attributes: all };
  const out: Record<string, string> = Object.create(null);
  for (const name of input.attributes) if (Object.hasOwn(all, name)) out[name] = all[name];
  return { attributes: out };
}

function checkNumber(value: string): void {
  if (!PHONE.test(value)) throw invalidParameter(`Invalid parameter: PhoneNumber Reason: input incorrectly formatted`);
}

export function checkIfPhoneNumberIsOptedOut(input: { phoneNumber: string }) {
  checkNumber(input.phoneNumber);
  return { isOptedOut: false };
}

export function optInPhoneNumber(input: { phoneNumber: string }) {
  checkNumber(input.phoneNumber);
  return {};
}

export function listPhoneNumbersOptedOut(input: { nextToken?: string }) {
  if (input.nextToken !== undefined) throw invalidParameter('Invalid parameter: NextToken');
  return { phoneNumbers: [] };
}

export function getSMSSandboxAccountStatus() {
  return { IsInSandbox: false };
}
