// What other services may use of SSM (through services/links.ts): a parameter's value by name or
// selector, as `{{resolve:ssm:...}}` / `resolve:ssm:` references need it (CloudFormation, EC2
// RunInstances' ImageId), including the public /aws/service/ parameters. Errors are SSM's AwsErrors.
// Also: EC2 instance agents' credentials (kanri's built-in instance agents).
import type { Platform } from '../../core/platform';
import type { RequestContext } from '../types';
import { resolveSelector, valueOf } from './parameters/read';
import { createOpsItem } from './opsitems/items';
import { issueEc2InstanceCredentials } from './instances/ec2';

export interface ParameterValue { name: string; type: string; value: string; version: number; dataType: string }

export function parameterValue(platform: Platform, accountId: string, region: string, selector: string, withDecryption = false): ParameterValue {
  platform.service('ssm');
  const ctx = {
    platform, accountId, region, requestId: 'kanri-internal', now: platform.clock.date(),
  } as unknown as RequestContext;
  return platform.storage.transaction(() => {
    const r = resolveSelector(ctx, selector, withDecryption);
    return { name: r.displayName, type: r.row.type, value: valueOf(ctx, r.row, r.displayName, withDecryption), version: r.row.version, dataType: r.row.dataType };
  });
}

export interface NewOpsItem {
  title: string; description: string; source: string; priority?: number; severity?: string; category?: string;
  operationalData?: Record<string, { Type?: string; Value?: string }>;
}

/**
 * Creates an OpsItem for another service acting for the account, as EventBridge rules and Config
 * remediation do on AWS (the service principal is CreatedBy). OpsItemAlreadyExistsException when
 * an unresolved OpsItem has the same /aws/dedup string.
 */
export function createOpsItemFor(platform: Platform, accountId: string, region: string, servicePrincipal: string, item: NewOpsItem): { opsItemId: string; opsItemArn: string } {
  platform.service('ssm');
  const ctx = {
    platform, accountId, region, requestId: 'kanri-internal', now: platform.clock.date(), principal: { arn: servicePrincipal, accountId },
    touch: () => undefined, emit: () => undefined,
  } as unknown as RequestContext;
  const out = platform.storage.transaction(() => createOpsItem({
    Title: item.title, Description: item.description, Source: item.source, Priority: item.priority, Severity: item.severity, Category: item.category,
    OperationalData: item.operationalData,
  }, ctx, true));
  return { opsItemId: out.OpsItemId, opsItemArn: out.OpsItemArn };
}

/**
 * Role credentials for the built-in agent of an EC2 instance (`kanri start --instance-agents`), as
 * RequestInstanceRoleCredentials issues them; throws SSM's AwsError when the instance may not be served.
 */
export function ec2InstanceCredentials(platform: Platform, accountId: string, region: string, instanceId: string) {
  platform.service('ssm');
  return platform.storage.transaction(() => issueEc2InstanceCredentials(platform, accountId, region, instanceId, platform.clock.now()));
}
