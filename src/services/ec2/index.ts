// EC2: regions and zones, the default VPC, VPC networking, security groups, instances and EBS.
// Every handler first answers DryRun, sets up the region's default VPC on first use and applies
// state changes that came due on the clock.
import type { Handler, RequestContext, ServicePlugin } from '../types';
import { ec2Error } from './errors';
import { ensureDefaultVpc } from './network';
import { armJob, settle } from './timers';
import { EC2_MIGRATIONS } from './store';
import { describeIndexed } from './indexed';
import { createTags, deleteTags, describeTags } from './ops/tags';
import { describeAccountAttributes, describeAvailabilityZones, describeRegions } from './ops/regions';
import * as vpcs from './ops/vpcs';
import * as subnets from './ops/subnets';
import * as groups from './ops/security-groups';
import * as gateways from './ops/gateways';
import * as routes from './ops/route-tables';
import * as acls from './ops/network-acls';
import * as keys from './ops/key-pairs';
import * as images from './ops/images';
import * as instances from './ops/instances';
import * as volumes from './ops/volumes';
import { runInstances } from './ops/run-instances';
import * as addresses from './ops/addresses';
import * as interfaces from './ops/network-interfaces';
import * as descriptions from './ops/rule-descriptions';
import * as dhcp from './ops/dhcp-options';
import * as peering from './ops/peering';
import { createImage, deregisterImage } from './ops/create-image';
import * as prefixLists from './ops/prefix-lists';
import * as endpoints from './ops/vpc-endpoints';
import * as templates from './ops/launch-templates';
import * as placement from './ops/placement-groups';
import * as flowLogs from './ops/flow-logs';
import * as volumeMods from './ops/volume-modifications';

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
  DescribeDhcpOptions: dhcp.describeDhcpOptions,
  CreateDhcpOptions: dhcp.createDhcpOptions,
  CreateVpcPeeringConnection: peering.createVpcPeeringConnection,
  AcceptVpcPeeringConnection: peering.acceptVpcPeeringConnection,
  RejectVpcPeeringConnection: peering.rejectVpcPeeringConnection,
  DeleteVpcPeeringConnection: peering.deleteVpcPeeringConnection,
  DescribeVpcPeeringConnections: peering.describeVpcPeeringConnections,
  AssociateDhcpOptions: dhcp.associateDhcpOptions,
  DeleteDhcpOptions: dhcp.deleteDhcpOptions,
  CreateSubnet: subnets.createSubnet,
  DeleteSubnet: subnets.deleteSubnet,
  DescribeSubnets: subnets.describeSubnets,
  ModifySubnetAttribute: subnets.modifySubnetAttribute,
  CreateSecurityGroup: groups.createSecurityGroup,
  DeleteSecurityGroup: groups.deleteSecurityGroup,
  DescribeSecurityGroups: groups.describeSecurityGroups,
  AuthorizeSecurityGroupIngress: groups.authorizeSecurityGroupIngress,
  AuthorizeSecurityGroupEgress: groups.authorizeSecurityGroupEgress,
  RevokeSecurityGroupIngress: groups.revokeSecurityGroupIngress,
  RevokeSecurityGroupEgress: groups.revokeSecurityGroupEgress,
  DescribeSecurityGroupRules: groups.describeSecurityGroupRules,
  ModifySecurityGroupRules: groups.modifySecurityGroupRules,
  UpdateSecurityGroupRuleDescriptionsIngress: descriptions.updateSecurityGroupRuleDescriptionsIngress,
  UpdateSecurityGroupRuleDescriptionsEgress: descriptions.updateSecurityGroupRuleDescriptionsEgress,
  CreateInternetGateway: gateways.createInternetGateway,
  AttachInternetGateway: gateways.attachInternetGateway,
  DetachInternetGateway: gateways.detachInternetGateway,
  DeleteInternetGateway: gateways.deleteInternetGateway,
  DescribeInternetGateways: gateways.describeInternetGateways,
  CreateEgressOnlyInternetGateway: gateways.createEgressOnlyInternetGateway,
  DeleteEgressOnlyInternetGateway: gateways.deleteEgressOnlyInternetGateway,
  DescribeEgressOnlyInternetGateways: gateways.describeEgressOnlyInternetGateways,
  CreateRouteTable: routes.createRouteTable,
  DeleteRouteTable: routes.deleteRouteTable,
  DescribeRouteTables: routes.describeRouteTables,
  CreateRoute: routes.createRoute,
  ReplaceRoute: routes.replaceRoute,
  DeleteRoute: routes.deleteRoute,
  AssociateRouteTable: routes.associateRouteTable,
  DisassociateRouteTable: routes.disassociateRouteTable,
  ReplaceRouteTableAssociation: routes.replaceRouteTableAssociation,
  CreateNetworkAcl: acls.createNetworkAcl,
  DeleteNetworkAcl: acls.deleteNetworkAcl,
  DescribeNetworkAcls: acls.describeNetworkAcls,
  CreateNetworkAclEntry: acls.createNetworkAclEntry,
  ReplaceNetworkAclEntry: acls.replaceNetworkAclEntry,
  DeleteNetworkAclEntry: acls.deleteNetworkAclEntry,
  ReplaceNetworkAclAssociation: acls.replaceNetworkAclAssociation,
  CreateKeyPair: keys.createKeyPair,
  ImportKeyPair: keys.importKeyPair,
  DeleteKeyPair: keys.deleteKeyPair,
  DescribeKeyPairs: keys.describeKeyPairs,
  DescribeImages: images.describeImages,
  CreateImage: createImage,
  DeregisterImage: deregisterImage,
  DescribeInstanceTypes: images.describeInstanceTypes,
  DescribeNetworkInterfaces: images.describeNetworkInterfaces,
  RunInstances: runInstances,
  DescribeInstances: instances.describeInstances,
  StartInstances: instances.startInstances,
  StopInstances: instances.stopInstances,
  TerminateInstances: instances.terminateInstances,
  RebootInstances: instances.rebootInstances,
  DescribeInstanceStatus: instances.describeInstanceStatus,
  DescribeInstanceAttribute: instances.describeInstanceAttribute,
  ModifyInstanceAttribute: instances.modifyInstanceAttribute,
  GetConsoleOutput: instances.getConsoleOutput,
  CreateVolume: volumes.createVolume,
  DescribeVolumes: volumes.describeVolumes,
  AttachVolume: volumes.attachVolume,
  DetachVolume: volumes.detachVolume,
  DeleteVolume: volumes.deleteVolume,
  CreateSnapshot: volumes.createSnapshot,
  CopySnapshot: volumes.copySnapshot,
  DeleteSnapshot: volumes.deleteSnapshot,
  DescribeSnapshots: volumes.describeSnapshots,
  AllocateAddress: addresses.allocateAddress,
  DescribeAddresses: addresses.describeAddresses,
  AssociateAddress: addresses.associateAddress,
  DisassociateAddress: addresses.disassociateAddress,
  ReleaseAddress: addresses.releaseAddress,
  CreateNatGateway: addresses.createNatGateway,
  DeleteNatGateway: addresses.deleteNatGateway,
  DescribeNatGateways: addresses.describeNatGateways,
  CreateNetworkInterface: interfaces.createNetworkInterface,
  DeleteNetworkInterface: interfaces.deleteNetworkInterface,
  AttachNetworkInterface: interfaces.attachNetworkInterface,
  DetachNetworkInterface: interfaces.detachNetworkInterface,
  ModifyNetworkInterfaceAttribute: interfaces.modifyNetworkInterfaceAttribute,
  ModifyInstanceMetadataOptions: interfaces.modifyInstanceMetadataOptions,
  DescribeInstanceCreditSpecifications: interfaces.describeInstanceCreditSpecifications,
  CreateManagedPrefixList: prefixLists.createManagedPrefixList,
  DescribeManagedPrefixLists: prefixLists.describeManagedPrefixLists,
  ModifyManagedPrefixList: prefixLists.modifyManagedPrefixList,
  RestoreManagedPrefixListVersion: prefixLists.restoreManagedPrefixListVersion,
  DeleteManagedPrefixList: prefixLists.deleteManagedPrefixList,
  GetManagedPrefixListEntries: prefixLists.getManagedPrefixListEntries,
  GetManagedPrefixListAssociations: prefixLists.getManagedPrefixListAssociations,
  DescribePrefixLists: prefixLists.describePrefixLists,
  CreateVpcEndpoint: endpoints.createVpcEndpoint,
  DescribeVpcEndpoints: endpoints.describeVpcEndpoints,
  ModifyVpcEndpoint: endpoints.modifyVpcEndpoint,
  DeleteVpcEndpoints: endpoints.deleteVpcEndpoints,
  DescribeVpcEndpointServices: endpoints.describeVpcEndpointServices,
  CreateLaunchTemplate: templates.createLaunchTemplate,
  DescribeLaunchTemplates: templates.describeLaunchTemplates,
  ModifyLaunchTemplate: templates.modifyLaunchTemplate,
  DeleteLaunchTemplate: templates.deleteLaunchTemplate,
  CreateLaunchTemplateVersion: templates.createLaunchTemplateVersion,
  DescribeLaunchTemplateVersions: templates.describeLaunchTemplateVersions,
  DeleteLaunchTemplateVersions: templates.deleteLaunchTemplateVersions,
  CreatePlacementGroup: placement.createPlacementGroup,
  DescribePlacementGroups: placement.describePlacementGroups,
  DeletePlacementGroup: placement.deletePlacementGroup,
  CreateFlowLogs: flowLogs.createFlowLogs,
  DescribeFlowLogs: flowLogs.describeFlowLogs,
  DeleteFlowLogs: flowLogs.deleteFlowLogs,
  ModifyVolume: volumeMods.modifyVolume,
  DescribeVolumesModifications: volumeMods.describeVolumesModifications,
};

const ec2: ServicePlugin = {
  name: 'ec2',
  migrations: EC2_MIGRATIONS,
  init(platform) {
    armJob(platform);
    platform.resources.describeWith('ec2', (...key) => describeIndexed(platform, ...key));
  },
  handlers: Object.fromEntries(Object.entries(handlers).map(([name, fn]) => [name, prepared(fn)])),
};

export default ec2;
