// Config's discovery of EC2 resources: the resource index stores no EC2 descriptions and reads them
// from EC2 when a recorder starts, so what a recorder discovers after a restart must be what
// Describe shows after every change, and a resource EC2 no longer has must read as deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as C from '@aws-sdk/client-config-service';
import * as E from '@aws-sdk/client-ec2';
import { startRecording } from './config-kit';
import { advanceClock, type Kanri, sdkConfig, startTestKanri } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'kanri-config-ec2-'));
let kanri: Kanri | undefined;
afterAll(async () => {
  await kanri?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** An SDK Describe result as Config shows it: camelCase members, timestamps as ISO text. */
function camel(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(camel);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k.charAt(0).toLowerCase() + k.slice(1)] = camel(x);
  return out;
}

/** The same, for what Config recorded (its timestamps parsed and written back the way the SDK's are). */
function normalized(configuration: string | undefined): unknown {
  return JSON.parse(configuration ?? 'null', (_k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v) ? new Date(v).toISOString() : v));
}

async function items(cfg: C.ConfigServiceClient, type: string, id: string): Promise<C.ConfigurationItem[]> {
  const out = await cfg.send(new C.GetResourceConfigHistoryCommand({ resourceType: type as C.ResourceType, resourceId: id, chronologicalOrder: 'Forward', limit: 100 }));
  return out.configurationItems!;
}

describe('Config discovers EC2 resources as Describe shows them', () => {
  const ids: Record<string, string> = {};

  it('changes a VPC, a subnet, a security group, an instance, its interface and a volume with nobody recording', async () => {
    kanri = await startTestKanri(dir);
    const ec2 = new E.EC2Client(sdkConfig(kanri));
    ids.vpc = (await ec2.send(new E.CreateVpcCommand({ CidrBlock: '10.9.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'lab' }] }] }))).Vpc!.VpcId!;
    await ec2.send(new E.ModifyVpcAttributeCommand({ VpcId: ids.vpc, EnableDnsHostnames: { Value: true } }));
    ids.subnet = (await ec2.send(new E.CreateSubnetCommand({ VpcId: ids.vpc, CidrBlock: '10.9.1.0/24' }))).Subnet!.SubnetId!;
    ids.sg = (await ec2.send(new E.CreateSecurityGroupCommand({ VpcId: ids.vpc, GroupName: 'web', Description: 'web servers' }))).GroupId!;
    await ec2.send(new E.AuthorizeSecurityGroupIngressCommand({ GroupId: ids.sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'https' }] }] }));
    await ec2.send(new E.CreateTagsCommand({ Resources: [ids.sg], Tags: [{ Key: 'team', Value: 'web' }] }));
    const { Images } = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }));
    const run = await ec2.send(new E.RunInstancesCommand({
      ImageId: Images![0].ImageId, MinCount: 1, MaxCount: 1, SubnetId: ids.subnet, SecurityGroupIds: [ids.sg], InstanceType: 't3.micro',
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'app' }] }],
    }));
    ids.instance = run.Instances![0].InstanceId!;
    ids.eni = run.Instances![0].NetworkInterfaces![0].NetworkInterfaceId!;
    ids.volume = (await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: run.Instances![0].Placement!.AvailabilityZone, Size: 8 }))).VolumeId!;
    await advanceClock(kanri, 'PT1M'); // running, available
    await ec2.send(new E.AttachVolumeCommand({ VolumeId: ids.volume, InstanceId: ids.instance, Device: '/dev/sdf' }));
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: ids.instance, DisableApiTermination: { Value: true } }));
    await ec2.send(new E.CreateTagsCommand({ Resources: [ids.eni], Tags: [{ Key: 'role', Value: 'primary' }] }));
    await advanceClock(kanri, 'PT1M');
    await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [ids.instance] })); // applies what came due
    await kanri.stop();
    kanri = undefined;
  });

  it('discovers each after a restart with the configuration Describe shows', async () => {
    kanri = await startTestKanri(dir); // EC2 is not loaded until discovery reads it
    const cfg = new C.ConfigServiceClient(sdkConfig(kanri));
    await startRecording(kanri, cfg);
    await kanri.platform.outbox.drain();
    const ec2 = new E.EC2Client(sdkConfig(kanri));
    const shown: [string, string, unknown][] = [
      ['AWS::EC2::VPC', ids.vpc, (await ec2.send(new E.DescribeVpcsCommand({ VpcIds: [ids.vpc] }))).Vpcs![0]],
      ['AWS::EC2::Subnet', ids.subnet, (await ec2.send(new E.DescribeSubnetsCommand({ SubnetIds: [ids.subnet] }))).Subnets![0]],
      ['AWS::EC2::SecurityGroup', ids.sg, (await ec2.send(new E.DescribeSecurityGroupsCommand({ GroupIds: [ids.sg] }))).SecurityGroups![0]],
      ['AWS::EC2::Instance', ids.instance, (await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [ids.instance] }))).Reservations![0].Instances![0]],
      ['AWS::EC2::NetworkInterface', ids.eni, (await ec2.send(new E.DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [ids.eni] }))).NetworkInterfaces![0]],
      ['AWS::EC2::Volume', ids.volume, (await ec2.send(new E.DescribeVolumesCommand({ VolumeIds: [ids.volume] }))).Volumes![0]],
    ];
    for (const [type, id, described] of shown) {
      // Later items of the same moment only add the inverses of relationships others were discovered with.
      const [item, ...rest] = await items(cfg, type, id);
      expect(item, `${type} ${id}`).toMatchObject({ configurationItemStatus: 'ResourceDiscovered', resourceId: id });
      for (const x of [item, ...rest]) expect(normalized(x.configuration), `${type} ${id}`).toEqual(camel(described));
    }
    const instance = normalized((await items(cfg, 'AWS::EC2::Instance', ids.instance))[0].configuration) as any;
    expect(instance).toMatchObject({ state: { name: 'running' }, tags: [{ key: 'Name', value: 'app' }] });
    expect(instance.blockDeviceMappings.map((b: any) => b.ebs.volumeId)).toContain(ids.volume);
    const group = normalized((await items(cfg, 'AWS::EC2::SecurityGroup', ids.sg))[0].configuration) as any;
    expect(group.ipPermissions).toEqual([expect.objectContaining({ fromPort: 443, ipRanges: [{ cidrIp: '0.0.0.0/0', description: 'https' }] })]);
  });

  it('reads a resource EC2 no longer has as deleted when the recorder starts again', async () => {
    const cfg = new C.ConfigServiceClient(sdkConfig(kanri!));
    const reset = await fetch(`${kanri!.url}/_kanri/reset?service=ec2`, { method: 'POST' });
    expect(reset.status).toBe(200);
    await cfg.send(new C.StopConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    await cfg.send(new C.StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    await kanri!.platform.outbox.drain();
    const status = await cfg.send(new C.DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus![0]).toMatchObject({ recording: true, lastStatus: 'Success' });
    // (the VPC's items in between drop the relationships of what went with it)
    for (const [type, id] of [['AWS::EC2::VPC', ids.vpc], ['AWS::EC2::Instance', ids.instance], ['AWS::EC2::Volume', ids.volume]]) {
      const statuses = (await items(cfg, type, id)).map((i) => i.configurationItemStatus);
      expect(statuses[0]).toBe('ResourceDiscovered');
      expect(statuses.at(-1), `${type} ${id}`).toBe('ResourceDeleted');
      expect(statuses.filter((s) => s === 'ResourceDeleted')).toHaveLength(1);
    }
  });
});
