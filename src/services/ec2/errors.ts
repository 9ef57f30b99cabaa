// EC2's error codes as data. The EC2 model declares no exceptions, so the codes, HTTP statuses and
// message templates AWS sends live here; `{0}`, `{1}` are filled from ec2Error's arguments.
import { AwsError } from '../../protocol/errors';

interface ErrorSpec { status: number; message: string }

export const EC2_ERRORS = {
  DryRunOperation: { status: 412, message: 'Request would have succeeded, but DryRun flag is set.' },
  UnauthorizedOperation: { status: 403, message: 'You are not authorized to perform this operation.' },
  MissingParameter: { status: 400, message: 'The request must contain the parameter {0}' },
  InvalidParameterValue: { status: 400, message: '{0}' },
  InvalidParameterCombination: { status: 400, message: '{0}' },
  InvalidParameter: { status: 400, message: '{0}' },
  InvalidFilter: { status: 400, message: 'The filter \'{0}\' is invalid' },
  InvalidPaginationToken: { status: 400, message: 'Invalid pagination token: {0}' },
  DependencyViolation: { status: 400, message: '{0}' },
  IncorrectInstanceState: { status: 400, message: '{0}' },
  IncorrectState: { status: 400, message: '{0}' },
  OperationNotPermitted: { status: 400, message: '{0}' },
  TagLimitExceeded: { status: 400, message: 'The maximum number of Tags for a resource has been reached.' },
  'InvalidID': { status: 400, message: 'The ID \'{0}\' is not valid' },
  'InvalidVpcID.NotFound': { status: 400, message: 'The vpc ID \'{0}\' does not exist' },
  'InvalidVpcID.Malformed': { status: 400, message: 'Invalid id: "{0}"' },
  'InvalidVpc.Range': { status: 400, message: 'The CIDR \'{0}\' is invalid.' },
  'InvalidSubnetID.NotFound': { status: 400, message: 'The subnet ID \'{0}\' does not exist' },
  'InvalidSubnetID.Malformed': { status: 400, message: 'Invalid id: "{0}"' },
  'InvalidSubnet.Conflict': { status: 400, message: 'The CIDR \'{0}\' conflicts with another subnet' },
  'InvalidSubnet.Range': { status: 400, message: 'The CIDR \'{0}\' is invalid.' },
  'InvalidGroup.NotFound': { status: 400, message: 'The security group \'{0}\' does not exist' },
  'InvalidGroupId.Malformed': { status: 400, message: 'Invalid id: "{0}" (expecting "sg-...")' },
  'InvalidGroup.Duplicate': { status: 400, message: 'The security group \'{0}\' already exists for VPC \'{1}\'' },
  'InvalidGroup.Reserved': { status: 400, message: 'The security group \'default\' is reserved' },
  CannotDelete: { status: 400, message: 'the specified group: "{0}" name: "{1}" cannot be deleted by a user' },
  'InvalidPermission.Duplicate': { status: 400, message: 'the specified rule "{0}" already exists' },
  'InvalidPermission.NotFound': { status: 400, message: 'The specified rule does not exist in this security group.' },
  'InvalidPermission.Malformed': { status: 400, message: '{0}' },
  'InvalidSecurityGroupRuleId.NotFound': { status: 400, message: 'The security group rule ID \'{0}\' does not exist' },
  'InvalidSecurityGroupRuleId.Malformed': { status: 400, message: 'Invalid id: "{0}"' },
  RulesPerSecurityGroupLimitExceeded: { status: 400, message: 'The maximum number of rules per security group has been reached.' },
  'InvalidInstanceID.NotFound': { status: 400, message: 'The instance ID \'{0}\' does not exist' },
  'InvalidInstanceID.Malformed': { status: 400, message: 'Invalid id: "{0}"' },
  'InvalidInternetGatewayID.NotFound': { status: 400, message: 'The internetGateway ID \'{0}\' does not exist' },
  'InvalidEgressOnlyInternetGatewayId.NotFound': { status: 400, message: 'The egressOnlyInternetGateway ID \'{0}\' does not exist' },
  'InvalidGatewayID.NotFound': { status: 400, message: 'The gateway ID \'{0}\' does not exist' },
  'Gateway.NotAttached': { status: 400, message: 'resource {0} is not attached to network {1}' },
  'Resource.AlreadyAssociated': { status: 400, message: 'resource {0} is already attached to network {1}' },
  'InvalidRouteTableID.NotFound': { status: 400, message: 'The routeTable ID \'{0}\' does not exist' },
  'InvalidRoute.NotFound': { status: 400, message: 'no route with destination-cidr-block {0} in route table {1}' },
  RouteAlreadyExists: { status: 400, message: 'The route identified by {0} already exists.' },
  'InvalidAssociationID.NotFound': { status: 400, message: 'The association ID \'{0}\' does not exist' },
  'InvalidAllocationID.NotFound': { status: 400, message: 'The allocation ID \'{0}\' does not exist' },
  NatGatewayNotFound: { status: 400, message: 'The Nat Gateway {0} was not found' },
  'InvalidNetworkAclID.NotFound': { status: 400, message: 'The networkAcl ID \'{0}\' does not exist' },
  'InvalidNetworkAclEntry.NotFound': { status: 400, message: 'The specified rule does not exist in this network ACL.' },
  NetworkAclEntryAlreadyExists: { status: 400, message: 'The network acl entry identified by {0} already exists.' },
  'InvalidNetworkInterface.InUse': { status: 400, message: '{0}' },
  'InvalidAttachmentID.NotFound': { status: 400, message: '{0}' },
  'InvalidNetworkInterfaceID.NotFound': { status: 400, message: 'The networkInterface ID \'{0}\' does not exist' },
  'InvalidKeyPair.NotFound': { status: 400, message: 'The key pair \'{0}\' does not exist' },
  'InvalidKeyPair.Duplicate': { status: 400, message: 'The keypair \'{0}\' already exists.' },
  'InvalidKeyPair.Format': { status: 400, message: 'Key is not in valid OpenSSH public key format' },
  'InvalidAMIID.NotFound': { status: 400, message: 'The image id \'[{0}]\' does not exist' },
  'InvalidAMIName.Duplicate': { status: 400, message: 'AMI name {0} is already in use by AMI {1}' },
  'InvalidAMIName.Malformed': { status: 400, message: '{0}' },
  'InvalidAMIID.Malformed': { status: 400, message: 'Invalid id: "{0}" (expecting "ami-...")' },
  'InvalidInstanceType': { status: 400, message: 'The instance type \'{0}\' does not exist' },
  'InvalidVolume.NotFound': { status: 400, message: 'The volume \'{0}\' does not exist.' },
  'InvalidVolume.ZoneMismatch': { status: 400, message: 'The volume \'{0}\' is not in the same availability zone as instance \'{1}\'' },
  'InvalidSnapshot.NotFound': { status: 400, message: 'The snapshot \'{0}\' does not exist.' },
  'InvalidAvailabilityZone': { status: 400, message: 'Value ({0}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {1}.' },
  'InvalidZone.NotFound': { status: 400, message: 'The zone \'{0}\' does not exist.' },
  'InvalidRegion.NotFound': { status: 400, message: 'The region \'{0}\' does not exist.' },
  'InvalidVpcPeeringConnectionID.NotFound': { status: 400, message: 'The vpcPeeringConnection ID \'{0}\' does not exist' },
  'InvalidStateTransition': { status: 400, message: '{0}' },
  'InvalidDhcpOptionID.NotFound': { status: 400, message: 'The dhcpOption ID \'{0}\' does not exist' },
  'InvalidVpcCidrBlockAssociationID.NotFound': { status: 400, message: 'The vpc CIDR block association ID \'{0}\' does not exist' },
  'InvalidAddress.NotFound': { status: 400, message: 'Address \'{0}\' not found.' },
  'InvalidIPAddress.InUse': { status: 400, message: 'Address {0} is in use.' },
  'InvalidAttachment.NotFound': { status: 400, message: '{0}' },
  'InvalidVolume.InUse': { status: 400, message: '{0}' },
  'InvalidPrefixListID.NotFound': { status: 400, message: 'The prefix list ID \'{0}\' does not exist' },
  'InvalidPrefixListId.Malformed': { status: 400, message: 'Invalid id: "{0}" (expecting "pl-...")' },
  PrefixListVersionMismatch: { status: 400, message: 'The prefix list has the incorrect version number. The current version is {0}.' },
  'InvalidVpcEndpointId.NotFound': { status: 400, message: 'The Vpc Endpoint Id \'{0}\' does not exist' },
  'InvalidVpcEndpointId.Malformed': { status: 400, message: 'Invalid Id: \'{0}\' (expecting \'vpce-...\')' },
  InvalidPolicyDocument: { status: 400, message: '{0}' },
  DuplicateSubnetsInSameZone: { status: 400, message: '{0}' },
  InvalidServiceName: { status: 400, message: 'The Vpc Endpoint Service \'{0}\' does not exist' },
  'RouteAlreadyExists.PrefixList': { status: 400, message: 'route table {0} already has a route with destination-prefix-list-id {1}' },
  'InvalidLaunchTemplateName.AlreadyExistsException': { status: 400, message: 'Launch template name already in use.' },
  'InvalidLaunchTemplateId.NotFound': { status: 400, message: 'The specified launch template, with template ID {0}, does not exist.' },
  'InvalidLaunchTemplateName.NotFoundException': { status: 400, message: 'The specified launch template, with template name {0}, does not exist.' },
  'InvalidLaunchTemplateId.Malformed': { status: 400, message: 'The specified ID for the launch template (launch template ID) is not valid. Ensure that you provide the ID in the form: lt-xxxxxxxxxxxxxxxxx' },
  'InvalidLaunchTemplateName.MalformedException': { status: 400, message: 'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.\'' },
  'InvalidLaunchTemplateId.VersionNotFound': { status: 400, message: 'Could not find launch template version {1} for launch template ID {0}.' },
  InvalidLaunchTemplateVersion: { status: 400, message: '{0}' },
  'InvalidPlacementGroup.Duplicate': { status: 400, message: 'The Placement Group \'{0}\' already exists.' },
  'InvalidFlowLogId.NotFound': { status: 400, message: 'These flow log ids in the input list are not found: [TotalCount: 1] {0}' },
  FlowLogAlreadyExists: { status: 400, message: 'Error. There is an existing Flow Log with the same configuration and log destination.' },
  'InvalidPlacementGroup.Unknown': { status: 400, message: 'The Placement Group \'{0}\' is unknown.' },
  'InvalidPlacementGroup.InUse': { status: 400, message: 'The placement group \'{0}\' is in use and may not be deleted.' },
  'InvalidPlacementGroup.Malformed': { status: 400, message: '{0}' },
  IncorrectModificationState: { status: 400, message: 'Volume {0} is already being modified.' },
  'InvalidVolumeModification.NotFound': { status: 400, message: 'Modification for volume \'{0}\' does not exist.' },
  VolumeModificationRateExceeded: { status: 400, message: 'You\'ve reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.' },
  VcpuLimitExceeded: { status: 400, message: 'You have requested more vCPU capacity than your current vCPU limit of {0} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.' },
} satisfies Record<string, ErrorSpec>;

export type Ec2ErrorCode = keyof typeof EC2_ERRORS;

/** The error AWS answers for `code`, its message template filled with `args`. */
export function ec2Error(code: Ec2ErrorCode, ...args: (string | number)[]): AwsError {
  const spec: ErrorSpec = EC2_ERRORS[code];
  const message = spec.message.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
  return new AwsError(code, message, spec.status);
}

export const invalidValue = (message: string) => ec2Error('InvalidParameterValue', message);
export const dependency = (message: string) => ec2Error('DependencyViolation', message);

/** An error of a known code whose message AWS words differently in this case. */
export function ec2ErrorSaying(code: Ec2ErrorCode, message: string): AwsError {
  return new AwsError(code, message, EC2_ERRORS[code].status);
}
