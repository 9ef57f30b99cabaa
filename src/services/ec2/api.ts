// What other services may use of EC2 (through services/links.ts): the public AMI catalogue,
// which SSM's public parameters and aws:ec2:image parameters resolve against.
export { publicImages, publicImage, instanceType } from './catalogue';

import type { Platform } from '../../core/platform';
import { findResource } from './store';

/** A VPC's Describe document (without tags), or undefined: Route 53 checks private zones' VPCs. */
export function findVpc(platform: Platform, accountId: string, region: string, vpcId: string): Record<string, any> | undefined {
  platform.service('ec2'); // its tables exist once it is loaded
  return findResource(platform.storage, { accountId, region }, vpcId, 'vpc')?.doc;
}
