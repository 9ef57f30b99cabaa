// DescribeInstances (by reservation), Start/Stop/Reboot/TerminateInstances with their states on the
// clock, DescribeInstanceStatus, Describe/ModifyInstanceAttribute and GetConsoleOutput.
import { instanceType } from '../catalogue';
import { candidates, type DescribeInput } from '../describe';
import { ec2Error, ec2ErrorSaying, invalidValue } from '../errors';
import { compileFilters, type FieldMap } from '../filters';
import { gmt, setAutoPublicIp, setState } from '../instance-lifecycle';
import { checkVcpus, holdVcpus } from '../quotas';
import { INSTANCE_FIELDS, state } from '../instance-view';
import { paginate } from '../paging';
import { find, get, save, view, type Ctx } from '../resources';
import type { Doc, Resource } from '../store';
import { DELAYS_MS, schedule } from '../timers';

function checkIds(ids: string[] | undefined): void {
  for (const id of ids ?? []) if (!/^i-[0-9a-f]{8,17}$/.test(id)) throw ec2Error('InvalidInstanceID.Malformed', id);
}

/** The instances a call names; AWS lists every unknown id in one error. */
function instancesOf(ctx: Ctx, ids: string[]): Resource[] {
  checkIds(ids);
  const found = ids.map((id) => find(ctx, 'i', id));
  const missing = ids.filter((_, n) => !found[n]);
  if (missing.length > 1) throw ec2ErrorSaying('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  if (missing.length) throw ec2Error('InvalidInstanceID.NotFound', missing[0]);
  return found as Resource[];
}

/** The instance as filters see it: its Describe view plus the reservation it belongs to. */
function filterable(ctx: Ctx, r: Resource): Doc {
  return { ...view(ctx, r), _reservationId: r.doc._reservationId, _ownerId: r.doc._ownerId, _requesterId: r.doc._requesterId };
}

export function describeInstances(input: DescribeInput & { InstanceIds?: string[] }, ctx: Ctx) {
  if (input.InstanceIds?.length && input.MaxResults !== undefined) {
    throw ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  if (input.MaxResults !== undefined && (input.MaxResults < 5 || input.MaxResults > 1000)) {
    throw invalidValue(`Value ( ${input.MaxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  }
  if (input.InstanceIds?.length) instancesOf(ctx, input.InstanceIds);
  const test = compileFilters(input.Filters, INSTANCE_FIELDS);
  const shown = candidates(ctx, { kind: 'i', ids: input.InstanceIds, fields: INSTANCE_FIELDS }, input.Filters)
    .map((r) => filterable(ctx, r)).filter(test);
  const { page, nextToken } = paginate(shown, (d) => d.InstanceId, input.MaxResults, input.NextToken);
  const reservations = new Map<string, Doc>();
  for (const d of page) {
    const { _reservationId, _ownerId, _requesterId, ...instance } = d;
    let res = reservations.get(_reservationId);
    if (!res) reservations.set(_reservationId, (res = { ReservationId: _reservationId, OwnerId: _ownerId, RequesterId: _requesterId, Groups: [], Instances: [] }));
    res.Instances.push(instance);
  }
  for (const r of reservations.values()) r.Instances.sort((a: Doc, b: Doc) => a.AmiLaunchIndex - b.AmiLaunchIndex);
  return { Reservations: [...reservations.values()], NextToken: nextToken };
}

const change = (id: string, previous: string, current: string) => ({ InstanceId: id, PreviousState: state(previous), CurrentState: state(current) });

export function stopInstances(input: { InstanceIds: string[]; Force?: boolean }, ctx: Ctx) {
  const instances = instancesOf(ctx, input.InstanceIds ?? []);
  for (const i of instances) {
    const name = i.doc.State.Name;
    if (!['running', 'stopping', 'stopped'].includes(name)) throw ec2Error('IncorrectInstanceState', `The instance '${i.id}' is not in a state from which it can be stopped.`);
    if (i.doc._disableApiStop) throw ec2Error('OperationNotPermitted', `The instance '${i.id}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`);
  }
  return {
    StoppingInstances: instances.map((i) => {
      const previous = i.doc.State.Name;
      if (previous !== 'running') return change(i.id, previous, previous);
      setAutoPublicIp(ctx, i, false);
      setState(ctx, get(ctx, 'i', i.id), 'stopping', { StateTransitionReason: `User initiated (${gmt(ctx.now)})` });
      schedule(ctx, i.id, DELAYS_MS.instanceStopping, 'instance-stopped');
      return change(i.id, previous, 'stopping');
    }),
  };
}

export function startInstances(input: { InstanceIds: string[] }, ctx: Ctx) {
  const instances = instancesOf(ctx, input.InstanceIds ?? []);
  for (const i of instances) {
    if (!['pending', 'running', 'stopped'].includes(i.doc.State.Name)) throw ec2Error('IncorrectInstanceState', `The instance '${i.id}' is not in a state from which it can be started.`);
  }
  checkVcpus(ctx, instances.filter((i) => i.doc.State.Name === 'stopped').map((i) => ({ type: i.doc.InstanceType, count: 1 })));
  return {
    StartingInstances: instances.map((i) => {
      const previous = i.doc.State.Name;
      if (previous !== 'stopped') return change(i.id, previous, previous);
      setAutoPublicIp(ctx, i, true);
      const { StateReason: _, ...doc } = get(ctx, 'i', i.id).doc;
      save(ctx, i, { ...doc, State: state('pending'), StateTransitionReason: '', LaunchTime: ctx.now.toISOString() });
      holdVcpus(ctx, i.id, doc.InstanceType);
      schedule(ctx, i.id, DELAYS_MS.instancePending, 'instance-running');
      return change(i.id, previous, 'pending');
    }),
  };
}

export function terminateInstances(input: { InstanceIds: string[] }, ctx: Ctx) {
  const instances = instancesOf(ctx, input.InstanceIds ?? []);
  for (const i of instances) {
    if (i.doc._disableApiTermination) {
      throw ec2Error('OperationNotPermitted', `The instance '${i.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`);
    }
  }
  return {
    TerminatingInstances: instances.map((i) => {
      const previous = i.doc.State.Name;
      if (previous === 'terminated' || previous === 'shutting-down') return change(i.id, previous, previous);
      // Whatever timer it had (running, stopped) is replaced: schedule overwrites it.
      setState(ctx, i, 'shutting-down', { StateTransitionReason: `User initiated (${gmt(ctx.now)})` });
      schedule(ctx, i.id, DELAYS_MS.instanceShuttingDown, 'instance-terminated');
      return change(i.id, previous, 'shutting-down');
    }),
  };
}

export function rebootInstances(input: { InstanceIds: string[] }, ctx: Ctx) {
  for (const i of instancesOf(ctx, input.InstanceIds ?? [])) {
    if (i.doc.State.Name !== 'running') throw ec2Error('IncorrectInstanceState', `The instance '${i.id}' is not in a state from which it can be rebooted.`);
  }
  return {};
}

const STATUS_FIELDS: FieldMap<Doc> = {
  'availability-zone': (s) => s.AvailabilityZone,
  'instance-state-name': (s) => s.InstanceState.Name,
  'instance-state-code': (s) => s.InstanceState.Code,
  'instance-status.status': (s) => s.InstanceStatus.Status,
  'instance-status.reachability': (s) => s.InstanceStatus.Details?.[0]?.Status,
  'system-status.status': (s) => s.SystemStatus.Status,
  'system-status.reachability': (s) => s.SystemStatus.Details?.[0]?.Status,
};

export function describeInstanceStatus(input: DescribeInput & { InstanceIds?: string[]; IncludeAllInstances?: boolean }, ctx: Ctx) {
  if (input.InstanceIds?.length) instancesOf(ctx, input.InstanceIds);
  const test = compileFilters(input.Filters, STATUS_FIELDS);
  const statuses = candidates(ctx, { kind: 'i', ids: input.InstanceIds, fields: {} })
    .filter((i) => input.IncludeAllInstances || i.doc.State.Name === 'running')
    .map((i) => {
      const running = i.doc.State.Name === 'running';
      const summary = (name: string) => (running
        ? { Status: 'ok', Details: [{ Name: name, Status: 'passed' }] }
        : { Status: 'not-applicable' });
      return {
        AvailabilityZone: i.doc.Placement.AvailabilityZone, AvailabilityZoneId: i.doc.Placement.AvailabilityZoneId, InstanceId: i.id,
        InstanceState: i.doc.State, InstanceStatus: summary('reachability'), SystemStatus: summary('reachability'),
        AttachedEbsStatus: running ? { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] } : { Status: 'not-applicable' }, Events: [],
      };
    })
    .filter(test);
  const { page, nextToken } = paginate(statuses, (s) => s.InstanceId, input.MaxResults, input.NextToken);
  return { InstanceStatuses: page, NextToken: nextToken };
}

export function describeInstanceAttribute(input: { InstanceId: string; Attribute: string }, ctx: Ctx) {
  const [inst] = instancesOf(ctx, [input.InstanceId]);
  const shown = view(ctx, inst);
  const value = (v: unknown) => (v === undefined ? {} : { Value: v });
  const answers: Record<string, Doc> = {
    instanceType: { InstanceType: value(inst.doc.InstanceType) },
    kernel: { KernelId: {} },
    ramdisk: { RamdiskId: {} },
    userData: { UserData: value(inst.doc._userData) },
    disableApiTermination: { DisableApiTermination: value(inst.doc._disableApiTermination) },
    disableApiStop: { DisableApiStop: value(inst.doc._disableApiStop) },
    instanceInitiatedShutdownBehavior: { InstanceInitiatedShutdownBehavior: value(inst.doc._shutdownBehavior) },
    rootDeviceName: { RootDeviceName: value(inst.doc.RootDeviceName) },
    blockDeviceMapping: { BlockDeviceMappings: inst.doc.BlockDeviceMappings },
    productCodes: { ProductCodes: [] },
    sourceDestCheck: { SourceDestCheck: value(shown.SourceDestCheck) },
    groupSet: { Groups: shown.SecurityGroups },
    ebsOptimized: { EbsOptimized: value(inst.doc.EbsOptimized) },
    sriovNetSupport: { SriovNetSupport: value(inst.doc.SriovNetSupport) },
    enaSupport: { EnaSupport: value(inst.doc.EnaSupport) },
    enclaveOptions: { EnclaveOptions: inst.doc.EnclaveOptions },
  };
  if (!Object.hasOwn(answers, input.Attribute)) throw invalidValue(`Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  return { InstanceId: inst.id, ...answers[input.Attribute] };
}

/** The legacy Attribute/Value form as the structured members it stands for. */
const LEGACY: Record<string, (v: string) => Doc> = {
  disableApiTermination: (v) => ({ DisableApiTermination: { Value: v === 'true' } }),
  disableApiStop: (v) => ({ DisableApiStop: { Value: v === 'true' } }),
  ebsOptimized: (v) => ({ EbsOptimized: { Value: v === 'true' } }),
  enaSupport: (v) => ({ EnaSupport: { Value: v === 'true' } }),
  sourceDestCheck: (v) => ({ SourceDestCheck: { Value: v === 'true' } }),
  instanceInitiatedShutdownBehavior: (v) => ({ InstanceInitiatedShutdownBehavior: { Value: v } }),
  userData: (v) => ({ UserData: { Value: v } }),
  sriovNetSupport: (v) => ({ SriovNetSupport: { Value: v } }),
};

export function modifyInstanceAttribute(raw: Doc, ctx: Ctx) {
  const legacyForm = raw.Attribute !== undefined && raw.Value !== undefined && Object.hasOwn(LEGACY, raw.Attribute);
  const input: Doc = legacyForm ? { ...raw, ...LEGACY[raw.Attribute](String(raw.Value)) } : raw;
  const [inst] = instancesOf(ctx, [input.InstanceId]);
  const doc: Doc = { ...inst.doc };
  const stoppedOnly = (what: string) => {
    if (inst.doc.State.Name !== 'stopped') throw ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in the 'stopped' state.`);
    return what;
  };
  let touched = false;
  const legacy: Doc = input.Attribute !== undefined ? { [input.Attribute]: input.Value } : {};
  const typeName = input.InstanceType?.Value ?? legacy.instanceType;
  if (typeName !== undefined) {
    stoppedOnly('instanceType');
    const type = instanceType(typeName);
    if (!type) throw invalidValue(`Invalid value '${typeName}' for InstanceType.`);
    if (!type.architectures.includes(doc.Architecture)) throw invalidValue(`The instance type '${typeName}' does not support the architecture '${doc.Architecture}' of instance ${inst.id}.`);
    doc.InstanceType = typeName;
    touched = true;
  }
  if (input.UserData?.Value !== undefined) { stoppedOnly('userData'); doc._userData = Buffer.isBuffer(input.UserData.Value) ? input.UserData.Value.toString('base64') : input.UserData.Value; touched = true; }
  const flags: [string, string][] = [['DisableApiTermination', '_disableApiTermination'], ['DisableApiStop', '_disableApiStop'], ['EbsOptimized', 'EbsOptimized'], ['EnaSupport', 'EnaSupport']];
  for (const [member, field] of flags) {
    if (input[member]?.Value !== undefined) { doc[field] = input[member].Value; touched = true; }
  }
  if (input.InstanceInitiatedShutdownBehavior?.Value !== undefined) {
    const behavior = input.InstanceInitiatedShutdownBehavior.Value;
    if (behavior !== 'stop' && behavior !== 'terminate') throw invalidValue(`Value (${behavior}) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values are: stop, terminate.`);
    doc._shutdownBehavior = behavior;
    touched = true;
  }
  if (input.SriovNetSupport?.Value !== undefined) {
    if (input.SriovNetSupport.Value !== 'simple') throw invalidValue(`Value (${input.SriovNetSupport.Value}) for parameter sriovNetSupport is invalid. Valid values are: simple.`);
    doc.SriovNetSupport = 'simple';
    touched = true;
  }
  if (input.BlockDeviceMappings?.length) {
    doc.BlockDeviceMappings = deleteOnTermination(ctx, inst, input.BlockDeviceMappings);
    touched = true;
  }
  const eni = find(ctx, 'eni', doc._eniIds?.[0]);
  const sourceDest = input.SourceDestCheck?.Value;
  const groups: string[] | undefined = input.Groups?.length ? input.Groups : undefined;
  if ((sourceDest !== undefined || groups) && eni) {
    const next = { ...eni.doc };
    if (sourceDest !== undefined) next.SourceDestCheck = sourceDest;
    if (groups) {
      next.Groups = groups.map((id) => {
        const g = find(ctx, 'sg', id);
        if (!g) throw ec2Error('InvalidGroup.NotFound', id);
        if (g.doc.VpcId !== eni.doc.VpcId) throw ec2ErrorSaying('InvalidParameter', `Security group ${id} and instance ${inst.id} belong to different networks.`);
        return { GroupId: g.id, GroupName: g.doc.GroupName };
      });
    }
    const before = view(ctx, inst);
    save(ctx, eni, next);
    save(ctx, get(ctx, 'i', inst.id), doc, before);
    return {};
  }
  if (!touched) throw ec2Error('MissingParameter', 'Attribute');
  save(ctx, inst, doc);
  return {};
}

export function getConsoleOutput(input: { InstanceId: string }, ctx: Ctx) {
  const [inst] = instancesOf(ctx, [input.InstanceId]);
  const booted = ['running', 'stopping', 'stopped'].includes(inst.doc.State.Name);
  const text = booted ? `[    0.000000] Linux version 6.1 (kanri) #1 SMP\r\n[    1.000000] ${inst.id} booted; cloud-init finished\r\n` : '';
  return { InstanceId: inst.id, Timestamp: ctx.now, Output: booted ? Buffer.from(text).toString('base64') : undefined };
}

/** BlockDeviceMappings in ModifyInstanceAttribute change only DeleteOnTermination of attached volumes. */
function deleteOnTermination(ctx: Ctx, inst: Resource, changes: Doc[]): Doc[] {
  const mappings: Doc[] = (inst.doc.BlockDeviceMappings ?? []).map((m: Doc) => ({ ...m, Ebs: { ...m.Ebs } }));
  for (const c of changes) {
    const m = mappings.find((x) => x.DeviceName === c.DeviceName);
    if (!m) throw invalidValue(`The device '${c.DeviceName}' is not attached to instance '${inst.id}'.`);
    if (c.Ebs?.DeleteOnTermination === undefined) continue;
    m.Ebs.DeleteOnTermination = c.Ebs.DeleteOnTermination;
    const vol = find(ctx, 'vol', m.Ebs.VolumeId);
    if (vol) save(ctx, vol, { ...vol.doc, Attachments: (vol.doc.Attachments ?? []).map((a: Doc) => (a.InstanceId === inst.id ? { ...a, DeleteOnTermination: c.Ebs.DeleteOnTermination } : a)) });
  }
  return mappings;
}
