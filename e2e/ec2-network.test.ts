// EC2 networking through the SDK v3 and the AWS CLI: the default VPC as AWS lays it out, a VPC with
// public and private subnets, route tables, an internet gateway, network ACLs, security groups and
// their rules, filters, DryRun, DependencyViolation and AWS's error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let ec2: E.EC2Client;
beforeAll(async () => { kanri = await startTestKanri(); ec2 = new E.EC2Client(sdkConfig(kanri)); });
afterAll(async () => { await kanri.stop(); });

const tag = (ResourceType: E.ResourceType, Name: string) => [{ ResourceType, Tags: [{ Key: 'Name', Value: Name }] }];

describe('the default VPC', () => {
  it('is there on first use, laid out as AWS does', async () => {
    const { Vpcs } = await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
    expect(Vpcs).toHaveLength(1);
    const vpc = Vpcs![0];
    expect(vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', InstanceTenancy: 'default', OwnerId: '000000000000' });
    expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    const { Subnets } = await ec2.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(Subnets!.map((s) => [s.AvailabilityZone, s.CidrBlock]).sort()).toEqual([
      ['us-east-1a', '172.31.0.0/20'], ['us-east-1b', '172.31.16.0/20'], ['us-east-1c', '172.31.32.0/20'],
      ['us-east-1d', '172.31.48.0/20'], ['us-east-1e', '172.31.64.0/20'], ['us-east-1f', '172.31.80.0/20'],
    ]);
    for (const s of Subnets!) expect(s).toMatchObject({ DefaultForAz: true, MapPublicIpOnLaunch: true, AvailableIpAddressCount: 4091, State: 'available' });
    const { InternetGateways } = await ec2.send(new E.DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId!] }] }));
    expect(InternetGateways![0].Attachments).toEqual([{ State: 'available', VpcId: vpc.VpcId }]);
    const { RouteTables } = await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(RouteTables).toHaveLength(1);
    expect(RouteTables![0].Associations![0].Main).toBe(true);
    expect(RouteTables![0].Routes).toEqual([
      { DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: InternetGateways![0].InternetGatewayId, Origin: 'CreateRoute', State: 'active' },
    ]);
    const { NetworkAcls } = await ec2.send(new E.DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['true'] }, { Name: 'vpc-id', Values: [vpc.VpcId!] }] }));
    expect(NetworkAcls![0].Entries!.map((e) => [e.Egress, e.RuleNumber, e.RuleAction])).toEqual([[true, 100, 'allow'], [true, 32767, 'deny'], [false, 100, 'allow'], [false, 32767, 'deny']]);
    expect(NetworkAcls![0].Associations).toHaveLength(6);
    const { SecurityGroups } = await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupNames: ['default'] }));
    const sg = SecurityGroups![0];
    expect(sg).toMatchObject({ GroupName: 'default', Description: 'default VPC security group', VpcId: vpc.VpcId });
    expect(sg.IpPermissions).toEqual([{ IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: sg.GroupId, UserId: '000000000000' }] }]);
    expect(sg.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
    const attrs = await ec2.send(new E.DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }));
    expect(attrs.AccountAttributes).toEqual([{ AttributeName: 'default-vpc', AttributeValues: [{ AttributeValue: vpc.VpcId }] }]);
  });

  it('answers regions and zones with real names and zone ids', async () => {
    const { Regions } = await ec2.send(new E.DescribeRegionsCommand({}));
    expect(Regions!.find((r) => r.RegionName === 'eu-west-1')).toEqual({ RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' });
    expect(Regions!.some((r) => r.RegionName === 'af-south-1')).toBe(false);
    const all = await ec2.send(new E.DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] }));
    expect(all.Regions!.map((r) => r.RegionName)).toContain('af-south-1');
    const tokyo = new E.EC2Client(sdkConfig(kanri, 'ap-northeast-1'));
    const { AvailabilityZones } = await tokyo.send(new E.DescribeAvailabilityZonesCommand({}));
    expect(AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId])).toEqual([['ap-northeast-1a', 'apne1-az4'], ['ap-northeast-1c', 'apne1-az1'], ['ap-northeast-1d', 'apne1-az2']]);
    const { Subnets } = await tokyo.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    expect(Subnets!.map((s) => s.AvailabilityZoneId).sort()).toEqual(['apne1-az1', 'apne1-az2', 'apne1-az4']);
  });
});

describe('a VPC with public and private subnets', () => {
  let vpcId: string;
  let publicSubnet: string;
  let privateSubnet: string;

  it('creates the VPC, validates CIDRs and sets DNS attributes', async () => {
    await rejects(ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })), 'InvalidVpc.Range', 400, "The CIDR '10.0.0.0/8' is invalid.");
    await rejects(ec2.send(new E.CreateVpcCommand({ CidrBlock: 'banana' })), 'InvalidParameterValue', 400);
    const { Vpc } = await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: tag('vpc', 'prod-vpc') }));
    vpcId = Vpc!.VpcId!;
    expect(Vpc).toMatchObject({ CidrBlock: '10.0.0.0/16', IsDefault: false, State: 'pending', Tags: [{ Key: 'Name', Value: 'prod-vpc' }] });
    const dns = await ec2.send(new E.DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }));
    expect(dns.EnableDnsHostnames).toEqual({ Value: false });
    await ec2.send(new E.ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    expect((await ec2.send(new E.DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames).toEqual({ Value: true });
    const { Vpcs } = await ec2.send(new E.DescribeVpcsCommand({ VpcIds: [vpcId] }));
    expect(Vpcs![0].State).toBe('available');
    const second = await ec2.send(new E.AssociateVpcCidrBlockCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/16' }));
    expect(second.CidrBlockAssociation).toMatchObject({ CidrBlock: '10.1.0.0/16', CidrBlockState: { State: 'associating' } });
    await ec2.send(new E.DisassociateVpcCidrBlockCommand({ AssociationId: second.CidrBlockAssociation!.AssociationId }));
  });

  it('creates subnets inside the VPC and refuses overlaps and out-of-range blocks', async () => {
    const a = await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a', TagSpecifications: tag('subnet', 'public-a') }));
    publicSubnet = a.Subnet!.SubnetId!;
    expect(a.Subnet).toMatchObject({ CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az1', AvailableIpAddressCount: 251, MapPublicIpOnLaunch: false, DefaultForAz: false });
    const b = await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24', AvailabilityZoneId: 'use1-az2', TagSpecifications: tag('subnet', 'private-b') }));
    privateSubnet = b.Subnet!.SubnetId!;
    await rejects(ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.128/25' })), 'InvalidSubnet.Conflict', 400, "The CIDR '10.0.1.128/25' conflicts with another subnet");
    await rejects(ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '192.168.0.0/24' })), 'InvalidSubnet.Range', 400, "The CIDR '192.168.0.0/24' is invalid.");
    await rejects(ec2.send(new E.CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.9.0/24' })), 'InvalidVpcID.NotFound', 400, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    await ec2.send(new E.ModifySubnetAttributeCommand({ SubnetId: publicSubnet, MapPublicIpOnLaunch: { Value: true } }));
    const { Subnets } = await ec2.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['public-*'] }] }));
    expect(Subnets!.map((s) => [s.SubnetId, s.MapPublicIpOnLaunch])).toEqual([[publicSubnet, true]]);
  });

  it('routes the public subnet through an internet gateway', async () => {
    const { InternetGateway } = await ec2.send(new E.CreateInternetGatewayCommand({ TagSpecifications: tag('internet-gateway', 'prod-igw') }));
    const igw = InternetGateway!.InternetGatewayId!;
    expect(InternetGateway!.Attachments).toEqual([]);
    const { RouteTable } = await ec2.send(new E.CreateRouteTableCommand({ VpcId: vpcId }));
    const rtb = RouteTable!.RouteTableId!;
    await rejects(ec2.send(new E.CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })), 'InvalidParameterValue', 400,
      `route table ${rtb} and network gateway ${igw} belong to different networks`);
    await ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    await rejects(ec2.send(new E.AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId })), 'Resource.AlreadyAssociated', 400);
    await ec2.send(new E.CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    await rejects(ec2.send(new E.CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })), 'RouteAlreadyExists', 400);
    const assoc = await ec2.send(new E.AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: publicSubnet }));
    expect(assoc.AssociationState).toEqual({ State: 'associated' });
    const { RouteTables } = await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [publicSubnet] }] }));
    expect(RouteTables!.map((t) => t.RouteTableId)).toEqual([rtb]);
    expect(RouteTables![0].Routes!.map((r) => [r.DestinationCidrBlock, r.GatewayId])).toEqual([['10.0.0.0/16', 'local'], ['0.0.0.0/0', igw]]);
    const main = await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }));
    expect(main.RouteTables).toHaveLength(1);
    await rejects(ec2.send(new E.DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.0.0.0/16' })), 'InvalidParameterValue', 400);
    await rejects(ec2.send(new E.DeleteRouteTableCommand({ RouteTableId: rtb })), 'DependencyViolation', 400);
  });

  it('keeps network ACL entries in order', async () => {
    const { NetworkAcl } = await ec2.send(new E.CreateNetworkAclCommand({ VpcId: vpcId }));
    const acl = NetworkAcl!.NetworkAclId!;
    await ec2.send(new E.CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 200, Protocol: 'tcp', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 443, To: 443 } }));
    await ec2.send(new E.CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 22, To: 22 } }));
    await rejects(ec2.send(new E.CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber: 100, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' })), 'NetworkAclEntryAlreadyExists', 400);
    const { NetworkAcls } = await ec2.send(new E.DescribeNetworkAclsCommand({ NetworkAclIds: [acl] }));
    expect(NetworkAcls![0].Entries!.map((e) => [e.Egress, e.RuleNumber, e.Protocol])).toEqual([[true, 32767, '-1'], [false, 100, '6'], [false, 200, '6'], [false, 32767, '-1']]);
    const { NetworkAcls: defaults } = await ec2.send(new E.DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [privateSubnet] }] }));
    const old = defaults![0].Associations!.find((a) => a.SubnetId === privateSubnet)!;
    const moved = await ec2.send(new E.ReplaceNetworkAclAssociationCommand({ AssociationId: old.NetworkAclAssociationId, NetworkAclId: acl }));
    expect(moved.NewAssociationId).toMatch(/^aclassoc-/);
    await rejects(ec2.send(new E.DeleteNetworkAclCommand({ NetworkAclId: acl })), 'DependencyViolation', 400);
  });

  it('manages security groups and their rules', async () => {
    const web = await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web tier', VpcId: vpcId, TagSpecifications: tag('security-group', 'web-sg') }));
    await rejects(ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'again', VpcId: vpcId })), 'InvalidGroup.Duplicate', 400,
      `The security group 'web' already exists for VPC '${vpcId}'`);
    const db = await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db tier', VpcId: vpcId }));
    const ingress = await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({
      GroupId: web.GroupId, IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
      ],
    }));
    expect(ingress.SecurityGroupRules).toHaveLength(3);
    expect(ingress.SecurityGroupRules![0]).toMatchObject({ GroupId: web.GroupId, IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0', Description: 'https' });
    expect(ingress.SecurityGroupRules![0].SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);
    await rejects(ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: web.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] })),
      'InvalidPermission.Duplicate', 400, 'the specified rule "peer: 10.0.0.0/16, TCP, from port: 22, to port: 22, ALLOW" already exists');
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: db.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web.GroupId }] }] }));
    const { SecurityGroups } = await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [web.GroupId!] }));
    expect(SecurityGroups![0].IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    expect(SecurityGroups![0].IpPermissionsEgress![0].IpRanges).toEqual([{ CidrIp: '0.0.0.0/0' }]);
    const filtered = await ec2.send(new E.DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.from-port', Values: ['5432'] }] }));
    expect(filtered.SecurityGroups!.map((g) => g.GroupName)).toEqual(['db']);
    const rules = await ec2.send(new E.DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [web.GroupId!] }] }));
    expect(rules.SecurityGroupRules).toHaveLength(4);
    const ssh = rules.SecurityGroupRules!.find((r) => r.FromPort === 22)!;
    await ec2.send(new E.ModifySecurityGroupRulesCommand({ GroupId: web.GroupId, SecurityGroupRules: [{ SecurityGroupRuleId: ssh.SecurityGroupRuleId, SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 2222, ToPort: 2222, CidrIpv4: '10.0.0.0/16' } }] }));
    const after = await ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [ssh.SecurityGroupRuleId!] }));
    expect(after.SecurityGroupRules![0]).toMatchObject({ FromPort: 2222, ToPort: 2222 });
    const revoked = await ec2.send(new E.RevokeSecurityGroupIngressCommand({ GroupId: web.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    expect(revoked.Return).toBe(true);
    await rejects(ec2.send(new E.RevokeSecurityGroupIngressCommand({ GroupId: web.GroupId, IpPermissions: [{ IpProtocol: 'udp', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '1.2.3.4/32' }] }] })), 'InvalidPermission.NotFound', 400);
    await rejects(ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: web.GroupId })), 'DependencyViolation', 400, `resource ${web.GroupId} has a dependent object`);
    await rejects(ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })), 'InvalidGroup.NotFound', 400);
  });

  it('limits a group to 60 rules per direction', async () => {
    const g = await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'many', Description: 'many rules', VpcId: vpcId }));
    const perms = Array.from({ length: 60 }, (_, i) => ({ IpProtocol: 'tcp', FromPort: 1000 + i, ToPort: 1000 + i, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }));
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: g.GroupId, IpPermissions: perms }));
    await rejects(ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: g.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] })),
      'RulesPerSecurityGroupLimitExceeded', 400);
    await ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: g.GroupId }));
  });

  it('refuses to delete a VPC with dependencies', async () => {
    await rejects(ec2.send(new E.DeleteVpcCommand({ VpcId: vpcId })), 'DependencyViolation', 400, `The vpc '${vpcId}' has dependencies and cannot be deleted.`);
  });

  it('answers DryRun with DryRunOperation', async () => {
    await rejects(ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.9.0.0/16', DryRun: true })), 'DryRunOperation', 412, 'Request would have succeeded, but DryRun flag is set.');
  });
});

describe('tags and filters', () => {
  it('creates, describes and deletes tags, with tag filters and wildcards', async () => {
    const { Vpc } = await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
    const id = Vpc!.VpcId!;
    await ec2.send(new E.CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'team', Value: 'sysops' }, { Key: 'env', Value: 'staging' }] }));
    const { Tags } = await ec2.send(new E.DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
    expect(Tags).toEqual([{ Key: 'env', ResourceId: id, ResourceType: 'vpc', Value: 'staging' }, { Key: 'team', ResourceId: id, ResourceType: 'vpc', Value: 'sysops' }]);
    const byTag = await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:env', Values: ['stag*'] }, { Name: 'tag-key', Values: ['team'] }] }));
    expect(byTag.Vpcs!.map((v) => v.VpcId)).toEqual([id]);
    await rejects(ec2.send(new E.CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'aws:secret', Value: 'x' }] })), 'InvalidParameterValue', 400);
    const fifty = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejects(ec2.send(new E.CreateTagsCommand({ Resources: [id], Tags: fifty })), 'TagLimitExceeded', 400);
    await ec2.send(new E.DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team' }] }));
    const left = await ec2.send(new E.DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
    expect(left.Tags!.map((t) => t.Key)).toEqual(['env']);
    await rejects(ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })), 'InvalidParameterValue', 400, "The filter 'colour' is invalid");
    await ec2.send(new E.DeleteVpcCommand({ VpcId: id }));
    await rejects(ec2.send(new E.DescribeVpcsCommand({ VpcIds: [id] })), 'InvalidVpcID.NotFound', 400);
  });

  it('pages with MaxResults and an opaque NextToken', async () => {
    const made: string[] = [];
    for (let i = 0; i < 6; i++) made.push((await ec2.send(new E.CreateVpcCommand({ CidrBlock: `10.${100 + i}.0.0/16`, TagSpecifications: tag('vpc', 'paged') }))).Vpc!.VpcId!);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['paged'] }], MaxResults: 5, NextToken }));
      expect(page.Vpcs!.length).toBeLessThanOrEqual(5);
      seen.push(...page.Vpcs!.map((v) => v.VpcId!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen.sort()).toEqual(made.sort());
  });
});

describe('the AWS CLI', () => {
  it('builds a network and reads it back', async () => {
    const vpc = await awsCli(kanri, ['ec2', 'create-vpc', '--cidr-block', '10.200.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=cli-vpc}]']);
    const id = vpc.Vpc.VpcId;
    const subnet = await awsCli(kanri, ['ec2', 'create-subnet', '--vpc-id', id, '--cidr-block', '10.200.1.0/24']);
    expect(subnet.Subnet.AvailableIpAddressCount).toBe(251);
    const sg = await awsCli(kanri, ['ec2', 'create-security-group', '--group-name', 'cli', '--description', 'from the cli', '--vpc-id', id]);
    await awsCli(kanri, ['ec2', 'authorize-security-group-ingress', '--group-id', sg.GroupId, '--protocol', 'tcp', '--port', '80', '--cidr', '0.0.0.0/0']);
    const groups = await awsCli(kanri, ['ec2', 'describe-security-groups', '--filters', `Name=vpc-id,Values=${id}`, 'Name=group-name,Values=cli']);
    expect(groups.SecurityGroups[0].IpPermissions[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    const vpcs = await awsCli(kanri, ['ec2', 'describe-vpcs', '--filters', 'Name=tag:Name,Values=cli-*']);
    expect(vpcs.Vpcs.map((v: { VpcId: string }) => v.VpcId)).toEqual([id]);
  });
});

describe('rule descriptions', () => {
  it('updates a rule description by permission and by rule id', async () => {
    const { Vpc } = await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }));
    const g = await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'described', Description: 'd', VpcId: Vpc!.VpcId }));
    const { SecurityGroupRules } = await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: g.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
    await ec2.send(new E.UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: g.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh from the office' }] }] }));
    let rule = (await ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [SecurityGroupRules![0].SecurityGroupRuleId!] }))).SecurityGroupRules![0];
    expect(rule.Description).toBe('ssh from the office');
    await ec2.send(new E.UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: g.GroupId, SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: rule.SecurityGroupRuleId, Description: 'bastion' }] }));
    rule = (await ec2.send(new E.DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: [rule.SecurityGroupRuleId!] }))).SecurityGroupRules![0];
    expect(rule.Description).toBe('bastion');
    await rejects(ec2.send(new E.UpdateSecurityGroupRuleDescriptionsIngressCommand({ GroupId: g.GroupId, IpPermissions: [{ IpProtocol: 'udp', FromPort: 1, ToPort: 1, IpRanges: [{ CidrIp: '1.1.1.1/32' }] }] })), 'InvalidPermission.NotFound', 400);
  });
});

describe('DHCP option sets', () => {
  it('creates a set, associates it with a VPC and refuses to delete it while in use', async () => {
    const { DhcpOptions } = await ec2.send(new E.CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name', Values: ['corp.example'] }, { Key: 'domain-name-servers', Values: ['10.0.0.2', '10.0.0.3'] }] }));
    expect(DhcpOptions!.DhcpConfigurations).toEqual([{ Key: 'domain-name', Values: [{ Value: 'corp.example' }] }, { Key: 'domain-name-servers', Values: [{ Value: '10.0.0.2' }, { Value: '10.0.0.3' }] }]);
    const { Vpc } = await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }));
    await ec2.send(new E.AssociateDhcpOptionsCommand({ DhcpOptionsId: DhcpOptions!.DhcpOptionsId, VpcId: Vpc!.VpcId }));
    expect((await ec2.send(new E.DescribeVpcsCommand({ VpcIds: [Vpc!.VpcId!] }))).Vpcs![0].DhcpOptionsId).toBe(DhcpOptions!.DhcpOptionsId);
    await rejects(ec2.send(new E.DeleteDhcpOptionsCommand({ DhcpOptionsId: DhcpOptions!.DhcpOptionsId })), 'DependencyViolation', 400);
    const found = await ec2.send(new E.DescribeDhcpOptionsCommand({ Filters: [{ Name: 'value', Values: ['corp.*'] }] }));
    expect(found.DhcpOptions!.map((d) => d.DhcpOptionsId)).toEqual([DhcpOptions!.DhcpOptionsId]);
    await ec2.send(new E.AssociateDhcpOptionsCommand({ DhcpOptionsId: 'default', VpcId: Vpc!.VpcId }));
    await ec2.send(new E.DeleteDhcpOptionsCommand({ DhcpOptionsId: DhcpOptions!.DhcpOptionsId }));
    await rejects(ec2.send(new E.DescribeDhcpOptionsCommand({ DhcpOptionsIds: [DhcpOptions!.DhcpOptionsId!] })), 'InvalidDhcpOptionID.NotFound', 400);
  });
});

describe('VPC peering', () => {
  it('requests, accepts on the clock, routes through, and deletes a peering connection', async () => {
    const a = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.80.0.0/16' }))).Vpc!.VpcId!;
    const b = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.81.0.0/16' }))).Vpc!.VpcId!;
    const clash = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.80.0.0/20' }))).Vpc!.VpcId!;
    const failed = await ec2.send(new E.CreateVpcPeeringConnectionCommand({ VpcId: a, PeerVpcId: clash }));
    expect(failed.VpcPeeringConnection!.Status).toEqual({ Code: 'failed', Message: 'Overlapping CIDR range' });
    const { VpcPeeringConnection } = await ec2.send(new E.CreateVpcPeeringConnectionCommand({ VpcId: a, PeerVpcId: b, TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Name', Value: 'a-b' }] }] }));
    const pcx = VpcPeeringConnection!.VpcPeeringConnectionId!;
    expect(pcx).toMatch(/^pcx-[0-9a-f]{17}$/);
    expect(VpcPeeringConnection!.Status!.Code).toBe('initiating-request');
    expect(VpcPeeringConnection!.AccepterVpcInfo).toMatchObject({ VpcId: b, CidrBlock: '10.81.0.0/16', OwnerId: '000000000000', Region: 'us-east-1' });
    const pendingOnes = await ec2.send(new E.DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'status-code', Values: ['pending-acceptance'] }] }));
    expect(pendingOnes.VpcPeeringConnections!.map((p) => p.VpcPeeringConnectionId)).toEqual([pcx]);
    const accepted = await ec2.send(new E.AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    expect(accepted.VpcPeeringConnection!.Status!.Code).toBe('provisioning');
    await rejects(ec2.send(new E.RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx })), 'InvalidStateTransition', 400);
    await advanceClock(kanri, 'PT10S');
    const active = await ec2.send(new E.DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcx] }));
    expect(active.VpcPeeringConnections![0].Status).toEqual({ Code: 'active', Message: 'Active' });
    const { RouteTables } = await ec2.send(new E.DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [a] }] }));
    await ec2.send(new E.CreateRouteCommand({ RouteTableId: RouteTables![0].RouteTableId, DestinationCidrBlock: '10.81.0.0/16', VpcPeeringConnectionId: pcx }));
    await ec2.send(new E.DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
    expect((await ec2.send(new E.DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcx] }))).VpcPeeringConnections![0].Status!.Code).toBe('deleted');
  });
});
