// Network interfaces moving between instances, and EC2 state (resources and timers on the clock)
// surviving a restart of kanri on the same data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function amazonLinux(ec2: E.EC2Client): Promise<string> {
  const { Images } = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }));
  return Images![0].ImageId!;
}

describe('network interfaces', () => {
  it('creates an interface, attaches it as a second device and detaches it', async () => {
    const kanri = await startTestKanri();
    try {
      const ec2 = new E.EC2Client(sdkConfig(kanri));
      const subnet = (await ec2.send(new E.DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['us-east-1a'] }] }))).Subnets![0];
      const { NetworkInterface } = await ec2.send(new E.CreateNetworkInterfaceCommand({ SubnetId: subnet.SubnetId, Description: 'spare', TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'role', Value: 'spare' }] }] }));
      expect(NetworkInterface).toMatchObject({ Status: 'available', Description: 'spare', PrivateIpAddress: '172.31.0.4', InterfaceType: 'interface', TagSet: [{ Key: 'role', Value: 'spare' }] });
      expect((await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] }))).Subnets![0].AvailableIpAddressCount).toBe(4090);
      const run = await ec2.send(new E.RunInstancesCommand({ ImageId: await amazonLinux(ec2), MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnet.SubnetId }));
      const id = run.Instances![0].InstanceId!;
      await rejects(ec2.send(new E.AttachNetworkInterfaceCommand({ NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId, InstanceId: id, DeviceIndex: 1 })), 'IncorrectInstanceState', 400);
      await advanceClock(kanri, 'PT30S');
      const attached = await ec2.send(new E.AttachNetworkInterfaceCommand({ NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId, InstanceId: id, DeviceIndex: 1 }));
      expect(attached.AttachmentId).toMatch(/^eni-attach-[0-9a-f]{17}$/);
      const inst = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0].Instances![0];
      expect(inst.NetworkInterfaces!.map((n) => n.Attachment!.DeviceIndex)).toEqual([0, 1]);
      const byTag = await ec2.send(new E.DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'tag:role', Values: ['spare'] }, { Name: 'attachment.instance-id', Values: [id] }] }));
      expect(byTag.NetworkInterfaces).toHaveLength(1);
      await rejects(ec2.send(new E.DeleteNetworkInterfaceCommand({ NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId })), 'InvalidNetworkInterface.InUse', 400);
      await ec2.send(new E.DetachNetworkInterfaceCommand({ AttachmentId: attached.AttachmentId }));
      await ec2.send(new E.DeleteNetworkInterfaceCommand({ NetworkInterfaceId: NetworkInterface!.NetworkInterfaceId }));
      await rejects(ec2.send(new E.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [NetworkInterface!.NetworkInterfaceId!] })), 'InvalidNetworkInterfaceID.NotFound', 400);
    } finally {
      await kanri.stop();
    }
  });
});

describe('a restart', () => {
  it('keeps the network and instances, and a pending instance still comes up on the clock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanri-ec2-'));
    dirs.push(dir);
    const first = await startTestKanri(dir);
    let ec2 = new E.EC2Client(sdkConfig(first));
    const vpcId = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.7.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'kept' }] }] }))).Vpc!.VpcId!;
    const run = await ec2.send(new E.RunInstancesCommand({ ImageId: await amazonLinux(ec2), MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }));
    const id = run.Instances![0].InstanceId!;
    const defaultVpc = (await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0].VpcId;
    await first.stop();

    const second = await startTestKanri(dir);
    try {
      ec2 = new E.EC2Client(sdkConfig(second));
      expect((await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['kept'] }] }))).Vpcs![0].VpcId).toBe(vpcId);
      expect((await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs!.map((v) => v.VpcId)).toEqual([defaultVpc]);
      await advanceClock(second, 'PT1M');
      await second.platform.scheduler.runDue();
      const inst = (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0].Instances![0];
      expect(inst.State!.Name).toBe('running');
    } finally {
      await second.stop();
    }
  });
});
