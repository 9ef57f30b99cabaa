// What other services may use of EC2 (through services/links.ts): the public AMI catalogue,
// which SSM's public parameters and aws:ec2:image parameters resolve against; instances for SSM's
// EC2 instance agents.
export { publicImages, publicImage, instanceType } from './catalogue';

import type { Platform } from '../../core/platform';
import { view } from './resources';
import { findResource, type Resource } from './store';

/** A VPC's Describe document (without tags), or undefined: Route 53 checks private zones' VPCs. */
export function findVpc(platform: Platform, accountId: string, region: string, vpcId: string): Record<string, any> | undefined {
  platform.service('ec2'); // its tables exist once it is loaded
  return findResource(platform.storage, { accountId, region }, vpcId, 'vpc')?.doc;
}

/** What SSM needs of an instance an agent serves: its state, private address and name, and instance profile. */
export interface AgentInstance { accountId: string; region: string; instanceId: string; state: string; privateIpAddress?: string; privateDnsName?: string; profileArn?: string }

function agentInstance(platform: Platform, accountId: string, region: string, r: Resource): AgentInstance {
  const shown = view({ platform, accountId, region, now: platform.clock.date() }, r);
  return {
    accountId, region, instanceId: r.id, state: shown.State?.Name, privateIpAddress: shown.PrivateIpAddress,
    privateDnsName: shown.PrivateDnsName || undefined, profileArn: shown.IamInstanceProfile?.Arn,
  };
}

/** An instance of the account and region, or undefined. */
export function findInstance(platform: Platform, accountId: string, region: string, instanceId: string): AgentInstance | undefined {
  platform.service('ec2');
  const r = findResource(platform.storage, { accountId, region }, instanceId, 'i');
  return r && agentInstance(platform, accountId, region, r);
}

/** Every running instance with an instance profile, in all accounts and regions (`kanri start --instance-agents`). */
export function runningInstancesWithProfiles(platform: Platform): { accountId: string; region: string; instanceId: string }[] {
  platform.service('ec2');
  return platform.storage.stmt(`SELECT account_id AS accountId, region, id AS instanceId FROM ec2_resources WHERE kind = 'i'
    AND json_extract(doc, '$.State.Name') = 'running' AND json_extract(doc, '$.IamInstanceProfile.Arn') IS NOT NULL`).all() as { accountId: string; region: string; instanceId: string }[];
}
