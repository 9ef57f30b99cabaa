// EC2: regions and zones, the default VPC, VPC networking, security groups, instances and EBS.
// Every handler first answers DryRun, sets up the region's default VPC on first use and applies
// state changes that came due on the clock.
import type { Handler, RequestContext, ServicePlugin } from '../types';
import { ec2Error } from './errors';
import { ensureDefaultVpc } from './network';
import { armJob, settle } from './timers';
import { EC2_MIGRATIONS } from './store';
import { createTags, deleteTags, describeTags } from './ops/tags';
import { describeAccountAttributes, describeAvailabilityZones, describeRegions } from './ops/regions';
import * as vpcs from './ops/vpcs';

function prepared(fn: Handler): Handler {
  return (input: Record<string, unknown>, ctx: RequestContext) => {
    if (input?.DryRun === true) throw ec2Error('DryRunOperation');
    ensureDefaultVpc(ctx);
    settle(ctx);
    return fn(input, ctx);
  };
}

const handlers: Record<string, Handler> = {
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeAccountAttributes: describeAccountAttributes,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
  CreateVpc: vpcs.createVpc,
  DeleteVpc: vpcs.deleteVpc,
  DescribeVpcs: vpcs.describeVpcs,
  DescribeVpcAttribute: vpcs.describeVpcAttribute,
  ModifyVpcAttribute: vpcs.modifyVpcAttribute,
  AssociateVpcCidrBlock: vpcs.associateVpcCidrBlock,
  DisassociateVpcCidrBlock: vpcs.disassociateVpcCidrBlock,
  DescribeDhcpOptions: vpcs.describeDhcpOptions,
};

const ec2: ServicePlugin = {
  name: 'ec2',
  migrations: EC2_MIGRATIONS,
  init: armJob,
  handlers: Object.fromEntries(Object.entries(handlers).map(([name, fn]) => [name, prepared(fn)])),
};

export default ec2;
