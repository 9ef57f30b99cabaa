// EC2 instances and EBS through the SDK v3 and the AWS CLI: RunInstances into a public subnet, states
// moving on the clock (pending -> running, stop/start, terminate), filters, volumes and snapshots,
// key pairs with real material, and the resource-change events Config records.
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, awsCli, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';

let kanri: Kanri;
let ec2: E.EC2Client;
let ami: string;
beforeAll(async () => {
  kanri = await startTestKanri();
  ec2 = new E.EC2Client(sdkConfig(kanri));
  const { Images } = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }));
  ami = Images![0].ImageId!;
});
afterAll(async () => { await kanri.stop(); });

const instance = async (id: string) => (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0].Instances![0];

describe('images, types and key pairs', () => {
  it('lists public AMIs by owner and name', async () => {
    expect(ami).toMatch(/^ami-[0-9a-f]{17}$/);
    const { Images } = await ec2.send(new E.DescribeImagesCommand({ ImageIds: [ami] }));
    expect(Images![0]).toMatchObject({ OwnerId: '137112412989', ImageOwnerAlias: 'amazon', Architecture: 'x86_64', RootDeviceName: '/dev/xvda', PlatformDetails: 'Linux/UNIX', State: 'available' });
    const windows = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'platform', Values: ['windows'] }] }));
    expect(windows.Images!.every((i) => (i.Platform as string) === 'windows')).toBe(true);
    const ubuntu = await ec2.send(new E.DescribeImagesCommand({ Owners: ['099720109477'] }));
    expect(ubuntu.Images!.length).toBeGreaterThan(0);
    await rejects(ec2.send(new E.DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })), 'InvalidAMIID.NotFound', 400);
    const types = await ec2.send(new E.DescribeInstanceTypesCommand({ InstanceTypes: ['t3.micro', 'm5.large'] }));
    expect(types.InstanceTypes!.map((t) => [t.InstanceType, t.VCpuInfo!.DefaultVCpus, t.MemoryInfo!.SizeInMiB])).toEqual([['m5.large', 2, 8192], ['t3.micro', 2, 1024]]);
  });

  it('creates RSA and ED25519 key pairs with real material and imports public keys', async () => {
    const rsa = await ec2.send(new E.CreateKeyPairCommand({ KeyName: 'ops-rsa' }));
    expect(rsa.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(createPrivateKey(rsa.KeyMaterial!).asymmetricKeyType).toBe('rsa');
    expect(rsa.KeyFingerprint).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    expect(rsa.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);
    const ed = await ec2.send(new E.CreateKeyPairCommand({ KeyName: 'ops-ed', KeyType: 'ed25519' }));
    expect(ed.KeyMaterial).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(ed.KeyFingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await rejects(ec2.send(new E.CreateKeyPairCommand({ KeyName: 'ops-rsa' })), 'InvalidKeyPair.Duplicate', 400, "The keypair 'ops-rsa' already exists.");
    const pub = (await ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['ops-ed'], IncludePublicKey: true }))).KeyPairs![0].PublicKey!;
    const imported = await ec2.send(new E.ImportKeyPairCommand({ KeyName: 'laptop', PublicKeyMaterial: Buffer.from(pub) }));
    expect(imported.KeyFingerprint).toBe(ed.KeyFingerprint);
    await rejects(ec2.send(new E.ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: Buffer.from('not a key') })), 'InvalidKeyPair.Format', 400);
    const { KeyPairs } = await ec2.send(new E.DescribeKeyPairsCommand({ Filters: [{ Name: 'key-type', Values: ['ed25519'] }] }));
    expect(KeyPairs!.map((k) => k.KeyName).sort()).toEqual(['laptop', 'ops-ed']);
    await ec2.send(new E.DeleteKeyPairCommand({ KeyName: 'laptop' }));
    await rejects(ec2.send(new E.DescribeKeyPairsCommand({ KeyNames: ['laptop'] })), 'InvalidKeyPair.NotFound', 400);
  });
});

describe('an instance in a public subnet', () => {
  let vpcId: string;
  let subnetId: string;
  let sgId: string;
  let id: string;

  it('launches pending, with addresses from its subnet, and runs once the clock moves', async () => {
    vpcId = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    subnetId = (await ec2.send(new E.CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!.SubnetId!;
    await ec2.send(new E.ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
    sgId = (await ec2.send(new E.CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcId }))).GroupId!;
    const run = await ec2.send(new E.RunInstancesCommand({
      ImageId: ami, InstanceType: 't3.micro', MinCount: 2, MaxCount: 2, SubnetId: subnetId, SecurityGroupIds: [sgId], KeyName: 'ops-rsa',
      UserData: Buffer.from('#!/bin/bash\necho hi').toString('base64'), IamInstanceProfile: { Name: 'web-role' },
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
      BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 20, VolumeType: 'gp3', DeleteOnTermination: false } }],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }, { Key: 'env', Value: 'prod' }] }, { ResourceType: 'volume', Tags: [{ Key: 'env', Value: 'prod' }] }],
    }));
    expect(run.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
    expect(run.Instances).toHaveLength(2);
    const first = run.Instances![0];
    id = first.InstanceId!;
    expect(first).toMatchObject({
      State: { Code: 0, Name: 'pending' }, InstanceType: 't3.micro', SubnetId: subnetId, VpcId: vpcId, KeyName: 'ops-rsa', PrivateIpAddress: '10.0.1.4',
      PrivateDnsName: 'ip-10-0-1-4.ec2.internal', SecurityGroups: [{ GroupId: sgId, GroupName: 'web' }], Placement: { AvailabilityZone: 'us-east-1b' },
      IamInstanceProfile: { Arn: 'arn:aws:iam::000000000000:instance-profile/web-role' }, RootDeviceName: '/dev/xvda',
      MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
    });
    expect(first.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(first.BlockDeviceMappings!.map((b) => b.DeviceName)).toEqual(['/dev/xvda', '/dev/sdf']);
    expect(run.Instances![1].PrivateIpAddress).toBe('10.0.1.5');
    const { Subnets } = await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
    expect(Subnets![0].AvailableIpAddressCount).toBe(249);
    await advanceClock(kanri, 'PT20S');
    expect((await instance(id)).State).toEqual({ Code: 16, Name: 'running' });
    const status = await ec2.send(new E.DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(status.InstanceStatuses![0]).toMatchObject({ InstanceState: { Name: 'running' }, InstanceStatus: { Status: 'ok' }, SystemStatus: { Status: 'ok' } });
    const ud = await ec2.send(new E.DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }));
    expect(Buffer.from(ud.UserData!.Value!, 'base64').toString()).toBe('#!/bin/bash\necho hi');
  });

  it('filters instances by tag, wildcard, state and network', async () => {
    const ids = async (Filters: E.Filter[]) => (await ec2.send(new E.DescribeInstancesCommand({ Filters }))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId));
    expect((await ids([{ Name: 'tag:Name', Values: ['web-*'] }])).length).toBe(2);
    expect(await ids([{ Name: 'instance-id', Values: [id] }, { Name: 'tag-key', Values: ['env'] }])).toEqual([id]);
    expect(await ids([{ Name: 'instance-id', Values: [id, 'i-0123456789abcdef0'] }])).toEqual([id]); // an unknown id in a filter is no error
    expect(await ids([{ Name: 'instance-id', Values: [id.slice(0, -3) + '*'] }])).toEqual([id]); // wildcards still scan
    expect((await ids([{ Name: 'tag:env', Values: ['prod'] }, { Name: 'instance-state-name', Values: ['running'] }])).length).toBe(2);
    expect((await ids([{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'private-ip-address', Values: ['10.0.1.?'] }])).length).toBe(2);
    expect(await ids([{ Name: 'instance-type', Values: ['m5.*'] }])).toEqual([]);
    const vols = await ec2.send(new E.DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] }));
    expect(vols.Volumes!.map((v) => [v.Attachments![0].Device, v.Size, v.VolumeType, v.State]).sort()).toEqual([['/dev/sdf', 20, 'gp3', 'in-use'], ['/dev/xvda', 8, 'gp3', 'in-use']]);
  });

  it('stops, modifies and starts again', async () => {
    await rejects(ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't3.small' } })), 'IncorrectInstanceState', 400);
    const stop = await ec2.send(new E.StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances).toEqual([{ InstanceId: id, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 64, Name: 'stopping' } }]);
    await rejects(ec2.send(new E.StartInstancesCommand({ InstanceIds: [id] })), 'IncorrectInstanceState', 400, `The instance '${id}' is not in a state from which it can be started.`);
    await advanceClock(kanri, 'PT1M');
    const stopped = await instance(id);
    expect(stopped.State!.Name).toBe('stopped');
    expect(stopped.PublicIpAddress).toBeUndefined();
    expect(stopped.StateReason!.Code).toBe('Client.UserInitiatedShutdown');
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: 't3.small' } }));
    const start = await ec2.send(new E.StartInstancesCommand({ InstanceIds: [id] }));
    expect(start.StartingInstances![0].CurrentState).toEqual({ Code: 0, Name: 'pending' });
    await advanceClock(kanri, 'PT20S');
    const running = await instance(id);
    expect([running.State!.Name, running.InstanceType]).toEqual(['running', 't3.small']);
    expect(running.PublicIpAddress).toBeDefined();
  });

  it('attaches and detaches a volume and snapshots it', async () => {
    const vol = await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1b', Size: 10, VolumeType: 'gp3', TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'data' }] }] }));
    expect(vol).toMatchObject({ State: 'creating', Size: 10, Iops: 3000, Throughput: 125 });
    await rejects(ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1b', Size: 10, VolumeType: 'io1' })), 'MissingParameter', 400);
    await rejects(ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1b', Size: 20000, VolumeType: 'gp2' })), 'InvalidParameterValue', 400);
    await advanceClock(kanri, 'PT10S');
    const attach = await ec2.send(new E.AttachVolumeCommand({ VolumeId: vol.VolumeId, InstanceId: id, Device: '/dev/sdg' }));
    expect(attach.State).toBe('attaching');
    expect((await instance(id)).BlockDeviceMappings!.map((b) => b.DeviceName)).toContain('/dev/sdg');
    await rejects(ec2.send(new E.DeleteVolumeCommand({ VolumeId: vol.VolumeId })), 'InvalidVolume.InUse', 400);
    const snap = await ec2.send(new E.CreateSnapshotCommand({ VolumeId: vol.VolumeId, Description: 'nightly' }));
    expect(snap).toMatchObject({ State: 'pending', VolumeSize: 10, Description: 'nightly' });
    await advanceClock(kanri, 'PT1M');
    const { Snapshots } = await ec2.send(new E.DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'volume-id', Values: [vol.VolumeId!] }] }));
    expect(Snapshots![0]).toMatchObject({ State: 'completed', Progress: '100%' });
    await ec2.send(new E.DetachVolumeCommand({ VolumeId: vol.VolumeId }));
    const restored = await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1b', SnapshotId: snap.SnapshotId }));
    expect(restored.Size).toBe(10);
    await ec2.send(new E.DeleteVolumeCommand({ VolumeId: vol.VolumeId }));
  });

  it('makes an image of the instance that becomes available on the clock', async () => {
    const { ImageId } = await ec2.send(new E.CreateImageCommand({ InstanceId: id, Name: 'web-golden', Description: 'golden web image' }));
    expect(ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
    await rejects(ec2.send(new E.CreateImageCommand({ InstanceId: id, Name: 'web-golden' })), 'InvalidAMIName.Duplicate', 400, `AMI name web-golden is already in use by AMI ${ImageId}`);
    let mine = (await ec2.send(new E.DescribeImagesCommand({ Owners: ['self'] }))).Images!;
    expect(mine.map((i) => [i.ImageId, i.State, i.Public])).toEqual([[ImageId, 'pending', false]]);
    await advanceClock(kanri, 'PT1M');
    mine = (await ec2.send(new E.DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images!;
    expect(mine[0]).toMatchObject({ State: 'available', Name: 'web-golden', OwnerId: '000000000000', RootDeviceName: '/dev/xvda' });
    expect(mine[0].BlockDeviceMappings!.every((b) => b.Ebs!.SnapshotId!.startsWith('snap-'))).toBe(true);
    const dereg = await ec2.send(new E.DeregisterImageCommand({ ImageId, DeleteAssociatedSnapshots: true }));
    expect(dereg.Return).toBe(true);
    expect((await ec2.send(new E.DescribeImagesCommand({ Owners: ['self'] }))).Images).toEqual([]);
  });

  it('terminates: interfaces and delete-on-termination volumes go, the instance stays visible a while', async () => {
    await rejects(ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: sgId })), 'DependencyViolation', 400);
    await rejects(ec2.send(new E.DeleteSubnetCommand({ SubnetId: subnetId })), 'DependencyViolation', 400);
    const all = (await ec2.send(new E.DescribeInstancesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnetId] }] }))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!));
    const term = await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: all }));
    expect(term.TerminatingInstances!.map((t) => t.CurrentState!.Name)).toEqual(['shutting-down', 'shutting-down']);
    await advanceClock(kanri, 'PT1M');
    const gone = await instance(id);
    expect(gone.State).toEqual({ Code: 48, Name: 'terminated' });
    const vols = await ec2.send(new E.DescribeVolumesCommand({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] }));
    expect(vols.Volumes!.map((v) => [v.Size, v.State])).toEqual([[20, 'available'], [20, 'available']]);
    expect((await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets![0].AvailableIpAddressCount).toBe(251);
    await ec2.send(new E.DeleteSecurityGroupCommand({ GroupId: sgId }));
    await advanceClock(kanri, 'PT2H');
    await rejects(ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] })), 'InvalidInstanceID.NotFound', 400, `The instance ID '${id}' does not exist`);
  });

  it('answers AWS errors for bad launches', async () => {
    await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't4g.micro' })), 'InvalidParameterValue', 400);
    await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, KeyName: 'nope' })), 'InvalidKeyPair.NotFound', 400);
    await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1 })), 'InvalidAMIID.NotFound', 400);
    await rejects(ec2.send(new E.StopInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })), 'InvalidInstanceID.NotFound', 400);
    await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, DryRun: true })), 'DryRunOperation', 412);
  });
});

describe('the default subnet and the CLI', () => {
  it('launches into the default VPC and drives the lifecycle through the AWS CLI', async () => {
    const run = await awsCli(kanri, ['ec2', 'run-instances', '--image-id', ami, '--instance-type', 't3.nano', '--count', '1',
      '--tag-specifications', 'ResourceType=instance,Tags=[{Key=Name,Value=cli-box}]']);
    const box = run.Instances[0];
    expect(box.SubnetId).toMatch(/^subnet-/);
    expect(box.PrivateIpAddress).toMatch(/^172\.31\./);
    expect(box.PublicIpAddress).toBeDefined();
    expect(box.SecurityGroups[0].GroupName).toBe('default');
    await advanceClock(kanri, 'PT30S');
    const described = await awsCli(kanri, ['ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=cli-box']);
    expect(described.Reservations[0].Instances[0].State.Name).toBe('running');
    const stopped = await awsCli(kanri, ['ec2', 'stop-instances', '--instance-ids', box.InstanceId]);
    expect(stopped.StoppingInstances[0].CurrentState.Name).toBe('stopping');
    const terminated = await awsCli(kanri, ['ec2', 'terminate-instances', '--instance-ids', box.InstanceId]);
    expect(terminated.TerminatingInstances[0].CurrentState.Name).toBe('shutting-down');
  });
});
