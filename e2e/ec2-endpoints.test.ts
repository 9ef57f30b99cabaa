// Managed prefix lists (customer- and AWS-managed) in security group rules and routes, and VPC
// endpoints: Gateway endpoints routing S3's prefix list, Interface endpoints with their ENIs and DNS
// names, the AWS CLI's view of them, and the resource-change events AWS Config would record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';
import type { StoredChange } from '../src/core/events';

let kanri: Kanri;
let ec2: E.EC2Client;
const events: StoredChange[] = [];
beforeAll(async () => {
  kanri = await startTestKanri();
  ec2 = new E.EC2Client(sdkConfig(kanri));
  kanri.platform.outbox.subscribe('ec2-endpoints-e2e', (e) => { if (e.service === 'ec2') events.push(e); });
});
afterAll(async () => { await kanri.stop(); });

let vpcId: string;
let plId: string;
let groupId: string;

describe('managed prefix lists', () => {
  it('lists the AWS-managed lists of the region with their entries', async () => {
    const { PrefixLists } = await ec2.send(new E.DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'owner-id', Values: ['AWS'] }] }));
    const s3 = PrefixLists!.find((p) => p.PrefixListName === 'com.amazonaws.us-east-1.s3')!;
    expect(s3).toMatchObject({ PrefixListId: 'pl-63a5400a', AddressFamily: 'IPv4', State: 'create-complete', OwnerId: 'AWS', PrefixListArn: 'arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a' });
    expect(PrefixLists!.map((p) => p.PrefixListName)).toContain('com.amazonaws.us-east-1.dynamodb');
    const { Entries } = await ec2.send(new E.GetManagedPrefixListEntriesCommand({ PrefixListId: s3.PrefixListId }));
    expect(Entries!.map((e) => e.Cidr)).toContain('52.216.0.0/15');
    const old = await ec2.send(new E.DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.dynamodb'] }] }));
    expect(old.PrefixLists).toEqual([{ PrefixListId: 'pl-02cd2c6b', PrefixListName: 'com.amazonaws.us-east-1.dynamodb', Cidrs: expect.arrayContaining(['52.94.0.0/22']) }]);
    const frankfurt = new E.EC2Client(sdkConfig(kanri, 'eu-central-1'));
    const { PrefixLists: eu } = await frankfurt.send(new E.DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.eu-central-1.s3'] }] }));
    expect(eu![0].PrefixListId).toMatch(/^pl-[0-9a-f]{8}$/);
  });

  it('creates, versions, restores and describes a customer-managed list', async () => {
    const { PrefixList } = await ec2.send(new E.CreateManagedPrefixListCommand({
      PrefixListName: 'office', AddressFamily: 'IPv4', MaxEntries: 3,
      Entries: [{ Cidr: '203.0.113.0/24', Description: 'hq' }, { Cidr: '198.51.100.7/32' }],
      TagSpecifications: [{ ResourceType: 'prefix-list', Tags: [{ Key: 'team', Value: 'net' }] }],
    }));
    plId = PrefixList!.PrefixListId!;
    expect(plId).toMatch(/^pl-[0-9a-f]{17}$/);
    expect(PrefixList).toMatchObject({ PrefixListName: 'office', MaxEntries: 3, Version: 1, State: 'create-complete', OwnerId: '000000000000', Tags: [{ Key: 'team', Value: 'net' }] });
    await rejects(ec2.send(new E.ModifyManagedPrefixListCommand({ PrefixListId: plId, CurrentVersion: 7, AddEntries: [{ Cidr: '192.0.2.0/24' }] })), 'PrefixListVersionMismatch', 400);
    await rejects(ec2.send(new E.ModifyManagedPrefixListCommand({ PrefixListId: plId, CurrentVersion: 1, AddEntries: [{ Cidr: '192.0.2.0/24' }, { Cidr: '192.0.2.128/25' }] })), 'InvalidParameterValue', 400);
    const modified = await ec2.send(new E.ModifyManagedPrefixListCommand({ PrefixListId: plId, CurrentVersion: 1, AddEntries: [{ Cidr: '192.0.2.0/24' }], RemoveEntries: [{ Cidr: '198.51.100.7/32' }] }));
    expect(modified.PrefixList).toMatchObject({ Version: 2, State: 'modify-complete' });
    const v2 = await ec2.send(new E.GetManagedPrefixListEntriesCommand({ PrefixListId: plId }));
    expect(v2.Entries).toEqual([{ Cidr: '192.0.2.0/24' }, { Cidr: '203.0.113.0/24', Description: 'hq' }]);
    const v1 = await ec2.send(new E.GetManagedPrefixListEntriesCommand({ PrefixListId: plId, TargetVersion: 1 }));
    expect(v1.Entries!.map((e) => e.Cidr)).toEqual(['198.51.100.7/32', '203.0.113.0/24']);
    const restored = await ec2.send(new E.RestoreManagedPrefixListVersionCommand({ PrefixListId: plId, PreviousVersion: 1, CurrentVersion: 2 }));
    expect(restored.PrefixList!.Version).toBe(3);
    const { PrefixLists } = await ec2.send(new E.DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'tag:team', Values: ['net'] }] }));
    expect(PrefixLists!.map((p) => p.PrefixListId)).toEqual([plId]);
    await rejects(ec2.send(new E.DescribeManagedPrefixListsCommand({ PrefixListIds: ['pl-0123456789abcdef0'] })), 'InvalidPrefixListID.NotFound', 400);
    await rejects(ec2.send(new E.CreateManagedPrefixListCommand({ PrefixListName: 'x', AddressFamily: 'IPv4', MaxEntries: 1, DryRun: true })), 'DryRunOperation', 412);
  });

  it('is referenced by security group rules and routes, and cannot be deleted while it is', async () => {
    vpcId = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    groupId = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcId }))).GroupId!;
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: plId, Description: 'office' }] }] }));
    await rejects(ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-0123456789abcdef0' }] }] })), 'InvalidPrefixListID.NotFound', 400);
    const { SecurityGroups } = await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    expect(SecurityGroups![0].IpPermissions![0].PrefixListIds).toEqual([{ PrefixListId: plId, Description: 'office' }]);
    const rtb = (await ec2.send(new E.CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    const igw = (await ec2.send(new E.CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    await ec2.send(new E.CreateRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: plId, GatewayId: igw }));
    const { PrefixListAssociations } = await ec2.send(new E.GetManagedPrefixListAssociationsCommand({ PrefixListId: plId }));
    expect(PrefixListAssociations).toEqual([{ ResourceId: groupId, ResourceOwner: '000000000000' }, { ResourceId: rtb, ResourceOwner: '000000000000' }]);
    await rejects(ec2.send(new E.DeleteManagedPrefixListCommand({ PrefixListId: plId })), 'DependencyViolation', 400);
    await ec2.send(new E.DeleteRouteCommand({ RouteTableId: rtb, DestinationPrefixListId: plId }));
    await ec2.send(new E.RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: plId }] }] }));
    const deleted = await ec2.send(new E.DeleteManagedPrefixListCommand({ PrefixListId: plId }));
    expect(deleted.PrefixList!.State).toBe('delete-complete');
    await ec2.send(new E.DeleteRouteTableCommand({ RouteTableId: rtb }));
    await ec2.send(new E.DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
  });
});

describe('VPC endpoints', () => {
  let rtbId: string;
  let subnets: string[];
  let gatewayId: string;
  let interfaceId: string;

  it('lists the region\'s endpoint services with their real names', async () => {
    const { ServiceNames, ServiceDetails } = await ec2.send(new E.DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }));
    expect(ServiceNames).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    expect(ServiceDetails![0]).toMatchObject({ ServiceType: [{ ServiceType: 'Gateway' }], Owner: 'amazon', VpcEndpointPolicySupported: true });
    const ssm = await ec2.send(new E.DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.ssm'] }));
    expect(ssm.ServiceDetails![0]).toMatchObject({ PrivateDnsName: 'ssm.us-east-1.amazonaws.com', BaseEndpointDnsNames: ['ssm.us-east-1.vpce.amazonaws.com'] });
    await rejects(ec2.send(new E.DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.nope'] })), 'InvalidServiceName', 400);
  });

  it('routes S3\'s prefix list to a Gateway endpoint in the given route tables', async () => {
    rtbId = (await ec2.send(new E.CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
    const { VpcEndpoint } = await ec2.send(new E.CreateVpcEndpointCommand({
      VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [rtbId],
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 's3' }] }],
    }));
    gatewayId = VpcEndpoint!.VpcEndpointId!;
    expect(gatewayId).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(VpcEndpoint).toMatchObject({ VpcEndpointType: 'Gateway', State: 'available', RouteTableIds: [rtbId], SubnetIds: [], NetworkInterfaceIds: [], PrivateDnsEnabled: false });
    expect(JSON.parse(VpcEndpoint!.PolicyDocument!)).toEqual({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
    const { RouteTables } = await ec2.send(new E.DescribeRouteTablesCommand({ RouteTableIds: [rtbId] }));
    expect(RouteTables![0].Routes).toContainEqual({ DestinationPrefixListId: 'pl-63a5400a', GatewayId: gatewayId, Origin: 'CreateRoute', State: 'active' });
    await rejects(ec2.send(new E.DeleteRouteCommand({ RouteTableId: rtbId, DestinationPrefixListId: 'pl-63a5400a' })), 'InvalidParameterValue', 400);
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
    await ec2.send(new E.ModifyVpcEndpointCommand({ VpcEndpointId: gatewayId, PolicyDocument: policy, RemoveRouteTableIds: [rtbId] }));
    const { VpcEndpoints } = await ec2.send(new E.DescribeVpcEndpointsCommand({ Filters: [{ Name: 'service-name', Values: ['com.amazonaws.us-east-1.s3'] }, { Name: 'tag:Name', Values: ['s3'] }] }));
    expect(VpcEndpoints!.map((e) => [e.VpcEndpointId, e.PolicyDocument, e.RouteTableIds])).toEqual([[gatewayId, policy, []]]);
    const after = await ec2.send(new E.DescribeRouteTablesCommand({ RouteTableIds: [rtbId] }));
    expect(after.RouteTables![0].Routes!.some((r) => r.GatewayId === gatewayId)).toBe(false);
    await ec2.send(new E.ModifyVpcEndpointCommand({ VpcEndpointId: gatewayId, AddRouteTableIds: [rtbId] }));
    await rejects(ec2.send(new E.DeleteVpcCommand({ VpcId: vpcId })), 'DependencyViolation', 400);
  });

  it('gives an Interface endpoint an ENI per subnet, security groups and DNS names, available on the clock', async () => {
    await ec2.send(new E.ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    subnets = [
      (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet!.SubnetId!,
      (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.2.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!.SubnetId!,
    ];
    await rejects(ec2.send(new E.CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.nope', VpcEndpointType: 'Interface' })), 'InvalidServiceName', 400);
    const { VpcEndpoint } = await ec2.send(new E.CreateVpcEndpointCommand({
      VpcId: vpcId, ServiceName: 'com.amazonaws.us-east-1.ssm', VpcEndpointType: 'Interface', SubnetIds: subnets, SecurityGroupIds: [groupId],
    }));
    interfaceId = VpcEndpoint!.VpcEndpointId!;
    expect(VpcEndpoint).toMatchObject({ State: 'pending', PrivateDnsEnabled: true, SubnetIds: subnets, Groups: [{ GroupId: groupId, GroupName: 'web' }] });
    expect(VpcEndpoint!.NetworkInterfaceIds).toHaveLength(2);
    const names = VpcEndpoint!.DnsEntries!.map((d) => d.DnsName!);
    expect(names[0]).toMatch(new RegExp(`^${interfaceId}-[0-9a-f]{8}\\.ssm\\.us-east-1\\.vpce\\.amazonaws\\.com$`));
    expect(names).toContain('ssm.us-east-1.amazonaws.com');
    expect(names.some((n) => n.includes('-us-east-1a.ssm.'))).toBe(true);
    const { NetworkInterfaces } = await ec2.send(new E.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoint!.NetworkInterfaceIds }));
    expect(NetworkInterfaces!.map((n) => [n.InterfaceType, n.RequesterManaged, n.Description, n.Groups![0].GroupId])).toEqual([
      ['vpc_endpoint', true, `VPC Endpoint Interface ${interfaceId}`, groupId], ['vpc_endpoint', true, `VPC Endpoint Interface ${interfaceId}`, groupId],
    ]);
    await rejects(ec2.send(new E.DeleteNetworkInterfaceCommand({ NetworkInterfaceId: VpcEndpoint!.NetworkInterfaceIds![0] })), 'InvalidNetworkInterface.InUse', 400);
    const { Subnets } = await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [subnets[0]] }));
    expect(Subnets![0].AvailableIpAddressCount).toBe(250);
    await advanceClock(kanri, 'PT1M');
    const { VpcEndpoints } = await ec2.send(new E.DescribeVpcEndpointsCommand({ VpcEndpointIds: [interfaceId] }));
    expect(VpcEndpoints![0].State).toBe('available');
    await ec2.send(new E.ModifyVpcEndpointCommand({ VpcEndpointId: interfaceId, RemoveSubnetIds: [subnets[1]], PrivateDnsEnabled: false }));
    const modified = (await ec2.send(new E.DescribeVpcEndpointsCommand({ VpcEndpointIds: [interfaceId] }))).VpcEndpoints![0];
    expect(modified.SubnetIds).toEqual([subnets[0]]);
    expect(modified.NetworkInterfaceIds).toHaveLength(1);
    expect(modified.DnsEntries!.map((d) => d.DnsName)).not.toContain('ssm.us-east-1.amazonaws.com');
  });

  it('deletes endpoints with their routes and ENIs, reporting unknown ids as unsuccessful', async () => {
    const cli = await awsCli(kanri, ['ec2', 'describe-vpc-endpoints', '--filters', `Name=vpc-id,Values=${vpcId}`]);
    expect(cli.VpcEndpoints.map((e: any) => e.VpcEndpointId).sort()).toEqual([gatewayId, interfaceId].sort());
    const { Unsuccessful } = await ec2.send(new E.DeleteVpcEndpointsCommand({ VpcEndpointIds: [gatewayId, interfaceId, 'vpce-0123456789abcdef0'] }));
    expect(Unsuccessful).toEqual([{ ResourceId: 'vpce-0123456789abcdef0', Error: { Code: 'InvalidVpcEndpointId.NotFound', Message: "The Vpc Endpoint Id 'vpce-0123456789abcdef0' does not exist" } }]);
    const { RouteTables } = await ec2.send(new E.DescribeRouteTablesCommand({ RouteTableIds: [rtbId] }));
    expect(RouteTables![0].Routes!.some((r) => r.DestinationPrefixListId)).toBe(false);
    const { NetworkInterfaces } = await ec2.send(new E.DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(NetworkInterfaces).toEqual([]);
    await rejects(ec2.send(new E.DescribeVpcEndpointsCommand({ VpcEndpointIds: [gatewayId] })), 'InvalidVpcEndpointId.NotFound', 400);
  });

  it('records endpoint and prefix list changes for AWS Config with their relationships', async () => {
    await kanri.platform.outbox.drain();
    const created = events.find((e) => e.resourceType === 'AWS::EC2::VPCEndpoint' && e.resourceId === interfaceId && e.before === null)!;
    expect(created.after).toMatchObject({ vpcEndpointId: interfaceId, serviceName: 'com.amazonaws.us-east-1.ssm', vpcEndpointType: 'Interface' });
    expect(created.relationships).toEqual(expect.arrayContaining([
      { resourceType: 'AWS::EC2::VPC', resourceId: vpcId, name: 'Is contained in Vpc' },
      { resourceType: 'AWS::EC2::SecurityGroup', resourceId: groupId, name: 'Is associated with SecurityGroup' },
      { resourceType: 'AWS::EC2::Subnet', resourceId: subnets[0], name: 'Is contained in Subnet' },
    ]));
    expect(events.some((e) => e.resourceType === 'AWS::EC2::VPCEndpoint' && e.resourceId === gatewayId && e.after === null)).toBe(true);
    expect(events.some((e) => e.resourceType === 'AWS::EC2::PrefixList' && e.resourceId === plId && e.before === null)).toBe(true);
  });
});
