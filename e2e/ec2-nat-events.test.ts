// Elastic IPs and NAT gateways on the clock, and the resource-change events EC2 writes for AWS
// Config: full Describe descriptions in camelCase with Config's relationship names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';
import type { StoredChange } from '../src/core/events';

let kanri: Kanri;
let ec2: E.EC2Client;
const events: StoredChange[] = [];
beforeAll(async () => {
  kanri = await startTestKanri();
  ec2 = new E.EC2Client(sdkConfig(kanri));
  kanri.platform.outbox.subscribe('ec2-e2e', (e) => { if (e.service === 'ec2') events.push(e); });
});
afterAll(async () => { await kanri.stop(); });

let vpcId: string;
let publicSubnet: string;
let privateSubnet: string;

describe('NAT gateway and Elastic IPs', () => {
  it('gives a private subnet a route out through a NAT gateway that becomes available on the clock', async () => {
    vpcId = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    publicSubnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' }))).Subnet!.SubnetId!;
    privateSubnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24' }))).Subnet!.SubnetId!;
    const eip = await ec2.send(new E.AllocateAddressCommand({ Domain: 'vpc' }));
    expect(eip).toMatchObject({ Domain: 'vpc', AllocationId: expect.stringMatching(/^eipalloc-[0-9a-f]{17}$/), PublicIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
    const { NatGateway } = await ec2.send(new E.CreateNatGatewayCommand({ SubnetId: publicSubnet, AllocationId: eip.AllocationId, TagSpecifications: [{ ResourceType: 'natgateway', Tags: [{ Key: 'Name', Value: 'nat-a' }] }] }));
    expect(NatGateway).toMatchObject({ State: 'pending', SubnetId: publicSubnet, VpcId: vpcId, ConnectivityType: 'public' });
    expect(NatGateway!.NatGatewayAddresses![0]).toMatchObject({ AllocationId: eip.AllocationId, PublicIp: eip.PublicIp, PrivateIp: '10.1.0.4', IsPrimary: true });
    const { RouteTable } = await ec2.send(new E.CreateRouteTableCommand({ VpcId: vpcId }));
    await ec2.send(new E.CreateRouteCommand({ RouteTableId: RouteTable!.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NatGateway!.NatGatewayId }));
    await ec2.send(new E.AssociateRouteTableCommand({ RouteTableId: RouteTable!.RouteTableId, SubnetId: privateSubnet }));
    await advanceClock(kanri, 'PT2M');
    const { NatGateways } = await ec2.send(new E.DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(NatGateways![0].State).toBe('available');
    const { Addresses } = await ec2.send(new E.DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] }));
    expect(Addresses![0]).toMatchObject({ PrivateIpAddress: '10.1.0.4', NetworkInterfaceId: NatGateway!.NatGatewayAddresses![0].NetworkInterfaceId });
    await rejects(ec2.send(new E.ReleaseAddressCommand({ AllocationId: eip.AllocationId })), 'InvalidIPAddress.InUse', 400);
    await rejects(ec2.send(new E.DeleteSubnetCommand({ SubnetId: publicSubnet })), 'DependencyViolation', 400);
    await ec2.send(new E.DeleteNatGatewayCommand({ NatGatewayId: NatGateway!.NatGatewayId }));
    await advanceClock(kanri, 'PT2M');
    const after = await ec2.send(new E.DescribeNatGatewaysCommand({ NatGatewayIds: [NatGateway!.NatGatewayId!] }));
    expect(after.NatGateways![0].State).toBe('deleted');
    await ec2.send(new E.ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
    await rejects(ec2.send(new E.DescribeAddressesCommand({ AllocationIds: [eip.AllocationId!] })), 'InvalidAllocationID.NotFound', 400);
  });

  it('moves an Elastic IP onto an instance and off again', async () => {
    const { Images } = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'architecture', Values: ['x86_64'] }, { Name: 'platform-details', Values: ['Linux/UNIX'] }] }));
    const run = await ec2.send(new E.RunInstancesCommand({ ImageId: Images![0].ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: privateSubnet }));
    const id = run.Instances![0].InstanceId!;
    expect(run.Instances![0].PublicIpAddress).toBeUndefined();
    const eip = await ec2.send(new E.AllocateAddressCommand({}));
    const assoc = await ec2.send(new E.AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: id }));
    expect(assoc.AssociationId).toMatch(/^eipassoc-/);
    const inst = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0].Instances![0];
    expect(inst.PublicIpAddress).toBe(eip.PublicIp);
    expect(inst.NetworkInterfaces![0].Association).toMatchObject({ PublicIp: eip.PublicIp, IpOwnerId: '000000000000' });
    const byIp = await ec2.send(new E.DescribeInstancesCommand({ Filters: [{ Name: 'ip-address', Values: [eip.PublicIp!] }] }));
    expect(byIp.Reservations![0].Instances![0].InstanceId).toBe(id);
    await ec2.send(new E.DisassociateAddressCommand({ AssociationId: assoc.AssociationId }));
    const bare = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0].Instances![0];
    expect(bare.PublicIpAddress).toBeUndefined();
  });
});

describe('resource-change events for AWS Config', () => {
  it('records creates, changes and deletes with the Describe description and relationships', async () => {
    await advanceClock(kanri, 'PT1M'); // the instance starts running on the clock alone, with nobody asking
    await kanri.platform.outbox.drain();
    const subnetCreated = events.find((e) => e.resourceType === 'AWS::EC2::Subnet' && e.resourceId === privateSubnet && e.before === null)!;
    expect(subnetCreated.after).toMatchObject({ subnetId: privateSubnet, vpcId, cidrBlock: '10.1.1.0/24', availableIpAddressCount: 251 });
    expect(subnetCreated.relationships).toEqual([{ resourceType: 'AWS::EC2::VPC', resourceId: vpcId, name: 'Is contained in Vpc' }]);
    const instance = events.find((e) => e.resourceType === 'AWS::EC2::Instance' && e.before === null)!;
    const after = instance.after as Record<string, any>;
    expect(after).toMatchObject({ state: { name: 'pending', code: 0 }, subnetId: privateSubnet, vpcId });
    const rels = instance.relationships!.map((r) => `${r.name} ${r.resourceType}`);
    expect(rels).toEqual(expect.arrayContaining(['Is contained in Subnet AWS::EC2::Subnet', 'Is contained in Vpc AWS::EC2::VPC',
      'Is associated with SecurityGroup AWS::EC2::SecurityGroup', 'Is attached to NetworkInterface AWS::EC2::NetworkInterface', 'Is attached to Volume AWS::EC2::Volume']));
    expect(events.some((e) => e.resourceType === 'AWS::EC2::Instance' && e.resourceId === after.instanceId && (e.after as any)?.state?.name === 'running')).toBe(true);
    const routeChange = events.filter((e) => e.resourceType === 'AWS::EC2::RouteTable').at(-1)!;
    expect(routeChange.relationships!.map((r) => r.name)).toEqual(expect.arrayContaining(['Is contained in Vpc', 'Is associated with Subnet']));
    const nat = events.filter((e) => e.resourceType === 'AWS::EC2::NatGateway').map((e) => (e.after as any)?.state);
    expect(nat).toEqual(['pending', 'available', 'deleting', 'deleted']);
    const eipDeleted = events.find((e) => e.resourceType === 'AWS::EC2::EIP' && e.after === null);
    expect(eipDeleted?.before).toMatchObject({ domain: 'vpc' });
  });

  it('records a tag change as a change of the resource', async () => {
    events.length = 0;
    await ec2.send(new E.CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'events-vpc' }] }));
    await kanri.platform.outbox.drain();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ resourceType: 'AWS::EC2::VPC', resourceId: vpcId, resourceName: 'events-vpc' });
    expect((events[0].after as any).tags).toEqual([{ key: 'Name', value: 'events-vpc' }]);
  });
});
