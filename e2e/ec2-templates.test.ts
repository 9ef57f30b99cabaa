// Launch templates and their versions (RunInstances from a template), placement groups,
// ModifyVolume on the clock, ModifyInstanceAttribute's forms, the On-Demand vCPU quota, and a
// Terraform-style sequence (create, read back, update, destroy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { advanceClock, type Kanri, rejects, sdkConfig, startTestKanri } from './harness';
import type { StoredChange } from '../src/core/events';

let kanri: Kanri;
let ec2: E.EC2Client;
let ami: string;
const events: StoredChange[] = [];
beforeAll(async () => {
  kanri = await startTestKanri();
  ec2 = new E.EC2Client(sdkConfig(kanri));
  kanri.platform.outbox.subscribe('ec2-templates-e2e', (e) => { if (e.service === 'ec2') events.push(e); });
  const { Images } = await ec2.send(new E.DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] }));
  ami = Images![0].ImageId!;
});
afterAll(async () => { await kanri.stop(); });

const tagsOf = (tags: E.Tag[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

describe('launch templates', () => {
  let templateId: string;

  it('creates a template, adds versions and moves the default, as Terraform does', async () => {
    const { LaunchTemplate } = await ec2.send(new E.CreateLaunchTemplateCommand({
      LaunchTemplateName: 'web', VersionDescription: 'first',
      LaunchTemplateData: {
        ImageId: ami, InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required' },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'web' }] }],
      },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'Name', Value: 'web-lt' }] }],
    }));
    templateId = LaunchTemplate!.LaunchTemplateId!;
    expect(templateId).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(LaunchTemplate).toMatchObject({ LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 1, CreatedBy: 'arn:aws:iam::000000000000:root', Tags: [{ Key: 'Name', Value: 'web-lt' }] });
    await rejects(ec2.send(new E.CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { InstanceType: 't3.micro' } })), 'InvalidLaunchTemplateName.AlreadyExistsException', 400);
    const v2 = await ec2.send(new E.CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, SourceVersion: '1', VersionDescription: 'bigger', LaunchTemplateData: { InstanceType: 't3.small' } }));
    expect(v2.LaunchTemplateVersion).toMatchObject({ VersionNumber: 2, DefaultVersion: false, LaunchTemplateData: { ImageId: ami, InstanceType: 't3.small', MetadataOptions: { HttpTokens: 'required' } } });
    // Terraform reads the template back, then its $Latest/$Default versions.
    const read = await ec2.send(new E.DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [templateId] }));
    expect(read.LaunchTemplates![0]).toMatchObject({ DefaultVersionNumber: 1, LatestVersionNumber: 2 });
    const latest = await ec2.send(new E.DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['$Latest'] }));
    expect(latest.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([2]);
    const all = await ec2.send(new E.DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'web' }));
    expect(all.LaunchTemplateVersions!.map((v) => [v.VersionNumber, v.DefaultVersion, v.VersionDescription])).toEqual([[2, false, 'bigger'], [1, true, 'first']]);
    const filtered = await ec2.send(new E.DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Filters: [{ Name: 'instance-type', Values: ['t3.small'] }] }));
    expect(filtered.LaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([2]);
    await ec2.send(new E.ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '2' }));
    const byName = await ec2.send(new E.DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['web'] }));
    expect(byName.LaunchTemplates![0].DefaultVersionNumber).toBe(2);
    await rejects(ec2.send(new E.ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '9' })), 'InvalidLaunchTemplateId.VersionNotFound', 400);
    await rejects(ec2.send(new E.DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['nope'] })), 'InvalidLaunchTemplateName.NotFoundException', 400);
    await rejects(ec2.send(new E.DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['lt-0123456789abcdef0'] })), 'InvalidLaunchTemplateId.NotFound', 400);
  });

  it('launches from $Default, $Latest or a number, the request\'s members winning', async () => {
    const byDefault = await ec2.send(new E.RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'web' } }));
    const inst = byDefault.Instances![0];
    expect(inst).toMatchObject({ ImageId: ami, InstanceType: 't3.small', MetadataOptions: { HttpTokens: 'required' } });
    expect(tagsOf(inst.Tags)).toEqual({ role: 'web', 'aws:ec2launchtemplate:id': templateId, 'aws:ec2launchtemplate:version': '2' });
    const v1 = await ec2.send(new E.RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: templateId, Version: '1' }, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'api' }] }] }));
    expect(v1.Instances![0].InstanceType).toBe('t3.micro');
    expect(tagsOf(v1.Instances![0].Tags)).toMatchObject({ role: 'api', 'aws:ec2launchtemplate:version': '1' });
    const overridden = await ec2.send(new E.RunInstancesCommand({ MinCount: 1, MaxCount: 1, InstanceType: 't3.medium', LaunchTemplate: { LaunchTemplateId: templateId, Version: '$Latest' } }));
    expect(overridden.Instances![0].InstanceType).toBe('t3.medium');
    await rejects(ec2.send(new E.RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: templateId, Version: '7' } })), 'InvalidLaunchTemplateId.VersionNotFound', 400);
    const ids = [inst.InstanceId!, v1.Instances![0].InstanceId!, overridden.Instances![0].InstanceId!];
    await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: ids }));
  });

  it('deletes versions (never the default) and the template, recording it for AWS Config', async () => {
    const { SuccessfullyDeletedLaunchTemplateVersions, UnsuccessfullyDeletedLaunchTemplateVersions } = await ec2.send(new E.DeleteLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['1', '2', '5'] }));
    expect(SuccessfullyDeletedLaunchTemplateVersions!.map((v) => v.VersionNumber)).toEqual([1]);
    expect(UnsuccessfullyDeletedLaunchTemplateVersions!.map((v) => [v.VersionNumber, v.ResponseError!.Code])).toEqual([[2, 'launchTemplateVersionIsDefault'], [5, 'launchTemplateVersionDoesNotExist']]);
    const { LaunchTemplate } = await ec2.send(new E.DeleteLaunchTemplateCommand({ LaunchTemplateName: 'web' }));
    expect(LaunchTemplate!.LaunchTemplateId).toBe(templateId);
    await rejects(ec2.send(new E.DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [templateId] })), 'InvalidLaunchTemplateId.NotFound', 400);
    await kanri.platform.outbox.drain();
    const changes = events.filter((e) => e.resourceType === 'AWS::EC2::LaunchTemplate' && e.resourceId === templateId);
    expect(changes[0]).toMatchObject({ before: null, resourceName: 'web-lt', after: { launchTemplateName: 'web', latestVersionNumber: 1 } });
    expect(changes.at(-1)!.after).toBeNull();
  });
});

describe('placement groups', () => {
  it('creates groups of each strategy, places instances in them, and refuses to delete one in use', async () => {
    const { PlacementGroup } = await ec2.send(new E.CreatePlacementGroupCommand({ GroupName: 'hpc', Strategy: 'partition', PartitionCount: 3, TagSpecifications: [{ ResourceType: 'placement-group', Tags: [{ Key: 'k', Value: 'v' }] }] }));
    expect(PlacementGroup).toMatchObject({ GroupName: 'hpc', Strategy: 'partition', PartitionCount: 3, State: 'available', GroupArn: 'arn:aws:ec2:us-east-1:000000000000:placement-group/hpc' });
    expect(PlacementGroup!.GroupId).toMatch(/^pg-[0-9a-f]{17}$/);
    await ec2.send(new E.CreatePlacementGroupCommand({ GroupName: 'apart', Strategy: 'spread' }));
    await rejects(ec2.send(new E.CreatePlacementGroupCommand({ GroupName: 'hpc', Strategy: 'cluster' })), 'InvalidPlacementGroup.Duplicate', 400);
    const { PlacementGroups } = await ec2.send(new E.DescribePlacementGroupsCommand({ Filters: [{ Name: 'strategy', Values: ['spread'] }] }));
    expect(PlacementGroups!.map((g) => [g.GroupName, g.SpreadLevel])).toEqual([['apart', 'rack']]);
    const run = await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 'c5.large', MinCount: 3, MaxCount: 3, Placement: { GroupName: 'hpc' } }));
    expect(run.Instances!.map((i) => [i.Placement!.GroupName, i.Placement!.PartitionNumber])).toEqual([['hpc', 1], ['hpc', 2], ['hpc', 3]]);
    await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, Placement: { GroupName: 'nope' } })), 'InvalidPlacementGroup.Unknown', 400);
    await rejects(ec2.send(new E.DeletePlacementGroupCommand({ GroupName: 'hpc' })), 'InvalidPlacementGroup.InUse', 400);
    await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: run.Instances!.map((i) => i.InstanceId!) }));
    await advanceClock(kanri, 'PT1M');
    await ec2.send(new E.DeletePlacementGroupCommand({ GroupName: 'hpc' }));
    await rejects(ec2.send(new E.DescribePlacementGroupsCommand({ GroupNames: ['hpc'] })), 'InvalidPlacementGroup.Unknown', 400);
  });
});

describe('ModifyVolume', () => {
  it('goes modifying -> optimizing -> completed on the clock, the volume taking its new shape', async () => {
    const vol = await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp2' }));
    await advanceClock(kanri, 'PT10S');
    await rejects(ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol.VolumeId, Size: 5 })), 'InvalidParameterValue', 400);
    const { VolumeModification } = await ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol.VolumeId, Size: 20, VolumeType: 'gp3', Iops: 4000 }));
    expect(VolumeModification).toMatchObject({ VolumeId: vol.VolumeId, ModificationState: 'modifying', OriginalSize: 10, OriginalVolumeType: 'gp2', OriginalIops: 100, TargetSize: 20, TargetVolumeType: 'gp3', TargetIops: 4000, TargetThroughput: 125, Progress: 0 });
    await rejects(ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol.VolumeId, Size: 30 })), 'IncorrectModificationState', 400);
    await advanceClock(kanri, 'PT15S');
    const optimizing = await ec2.send(new E.DescribeVolumesModificationsCommand({ VolumeIds: [vol.VolumeId!] }));
    expect(optimizing.VolumesModifications![0].ModificationState).toBe('optimizing');
    const { Volumes } = await ec2.send(new E.DescribeVolumesCommand({ VolumeIds: [vol.VolumeId!] }));
    expect(Volumes![0]).toMatchObject({ Size: 20, VolumeType: 'gp3', Iops: 4000, Throughput: 125 });
    await advanceClock(kanri, 'PT2M');
    const done = await ec2.send(new E.DescribeVolumesModificationsCommand({ Filters: [{ Name: 'modification-state', Values: ['completed'] }] }));
    expect(done.VolumesModifications!.map((m) => [m.VolumeId, m.Progress])).toEqual([[vol.VolumeId, 100]]);
    expect(done.VolumesModifications![0].EndTime).toBeInstanceOf(Date);
    await rejects(ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol.VolumeId, Size: 30 })), 'VolumeModificationRateExceeded', 400);
    await advanceClock(kanri, 'PT6H');
    await ec2.send(new E.ModifyVolumeCommand({ VolumeId: vol.VolumeId, Size: 30 }));
    await rejects(ec2.send(new E.DescribeVolumesModificationsCommand({ VolumeIds: [(await ec2.send(new E.CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }))).VolumeId!] })), 'InvalidVolumeModification.NotFound', 400);
  });
});

describe('ModifyInstanceAttribute', () => {
  it('takes the structured and the legacy Attribute/Value forms, and DeleteOnTermination per device', async () => {
    const run = await ec2.send(new E.RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }));
    const id = run.Instances![0].InstanceId!;
    const device = run.Instances![0].BlockDeviceMappings![0].DeviceName!;
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, Attribute: 'disableApiTermination', Value: 'true' }));
    const attr = await ec2.send(new E.DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'disableApiTermination' }));
    expect(attr.DisableApiTermination).toEqual({ Value: true });
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, BlockDeviceMappings: [{ DeviceName: device, Ebs: { DeleteOnTermination: false } }] }));
    const { Reservations } = await ec2.send(new E.DescribeInstancesCommand({ InstanceIds: [id] }));
    expect(Reservations![0].Instances![0].BlockDeviceMappings![0].Ebs!.DeleteOnTermination).toBe(false);
    await rejects(ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, InstanceInitiatedShutdownBehavior: { Value: 'hibernate' } })), 'InvalidParameterValue', 400);
    await ec2.send(new E.ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: false } }));
    await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: [id] }));
  });
});

describe('the On-Demand vCPU quota', () => {
  it('refuses a launch past the Standard bucket\'s vCPUs with VcpuLimitExceeded, and launches what fits between MinCount and MaxCount', async () => {
    await advanceClock(kanri, 'PT5M');
    process.env.KANRI_EC2_VCPU_QUOTA = '16';
    try {
      const err = await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 'm5.4xlarge', MinCount: 2, MaxCount: 2 })), 'VcpuLimitExceeded', 400);
      expect(err.message).toBe('You have requested more vCPU capacity than your current vCPU limit of 16 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.');
      const some = await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.xlarge', MinCount: 1, MaxCount: 10 }));
      expect(some.Instances).toHaveLength(4);
      await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 })), 'VcpuLimitExceeded', 400);
      await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: [some.Instances![0].InstanceId!] }));
      const after = await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 't3.micro', MinCount: 2, MaxCount: 2 }));
      expect(after.Instances).toHaveLength(2);
    } finally {
      delete process.env.KANRI_EC2_VCPU_QUOTA;
    }
  });

  it('counts each bucket apart: G instances against L-DB2E81BA, not against Standard', async () => {
    process.env.KANRI_EC2_VCPU_QUOTAS = 'L-DB2E81BA=8';
    try {
      const gpu = await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 'g4dn.2xlarge', MinCount: 1, MaxCount: 1 }));
      expect(gpu.Instances).toHaveLength(1);
      const err = await rejects(ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 'g4dn.xlarge', MinCount: 1, MaxCount: 1 })), 'VcpuLimitExceeded', 400);
      expect(err.message).toContain('current vCPU limit of 8 allows');
      const standard = await ec2.send(new E.RunInstancesCommand({ ImageId: ami, InstanceType: 'm5.large', MinCount: 1, MaxCount: 1 }));
      expect(standard.Instances).toHaveLength(1);
      await ec2.send(new E.TerminateInstancesCommand({ InstanceIds: [gpu.Instances![0].InstanceId!, standard.Instances![0].InstanceId!] }));
    } finally {
      delete process.env.KANRI_EC2_VCPU_QUOTAS;
    }
  });
});
