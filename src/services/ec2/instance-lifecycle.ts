// An instance's life on the clock: pending -> running, stopping -> stopped, shutting-down ->
// terminated (its interfaces and delete-on-termination volumes go with it), and a terminated
// instance stays visible for an hour before it is gone.
import { withPublicIp, newPublicIp } from './enis';
import { state } from './instance-view';
import { find, recordChange, save, view, type Ctx } from './resources';
import { deleteResource, updateDoc, type Doc, type Resource } from './store';
import { DELAYS_MS, registerTransition, schedule } from './timers';
import { where } from './resources';
import { releaseVcpus } from './quotas';

export function gmt(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}

/** Moves an instance to a state and records the change. */
export function setState(ctx: Ctx, inst: Resource, name: string, extra: Doc = {}): Resource {
  if (name !== 'pending' && name !== 'running') releaseVcpus(ctx, inst.id, inst.doc.InstanceType);
  return save(ctx, inst, { ...inst.doc, State: state(name), ...extra });
}

function primaryEni(ctx: Ctx, inst: Resource): Resource | undefined {
  return find(ctx, 'eni', inst.doc._eniIds?.[0]);
}

/** A stopped instance loses its auto-assigned public address; a started one gets a new one. */
export function setAutoPublicIp(ctx: Ctx, inst: Resource, on: boolean): void {
  const eni = primaryEni(ctx, inst);
  if (!eni || eni.doc.Association?.AllocationId) return; // an Elastic IP stays
  if (on && !inst.doc._autoPublicIp) return;
  save(ctx, eni, withPublicIp(ctx, eni.doc, on ? newPublicIp() : undefined));
}

registerTransition('instance-running', (ctx, id) => {
  const inst = find(ctx, 'i', id);
  if (inst?.doc.State.Name === 'pending') setState(ctx, inst, 'running');
});

registerTransition('instance-stopped', (ctx, id) => {
  const inst = find(ctx, 'i', id);
  if (inst?.doc.State.Name !== 'stopping') return;
  setState(ctx, inst, 'stopped', { StateReason: { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' } });
});

registerTransition('instance-terminated', (ctx, id) => {
  const inst = find(ctx, 'i', id);
  if (inst?.doc.State.Name !== 'shutting-down') return;
  const before = view(ctx, inst);
  for (const eniId of inst.doc._eniIds ?? []) {
    const eni = find(ctx, 'eni', eniId);
    if (!eni) continue;
    if (eni.doc.Attachment?.DeleteOnTermination) deleteWithRecord(ctx, eni);
    else save(ctx, eni, { ...withPublicIp(ctx, eni.doc, undefined), Attachment: undefined, Status: 'available' });
  }
  for (const b of inst.doc.BlockDeviceMappings ?? []) {
    const vol = find(ctx, 'vol', b.Ebs?.VolumeId);
    if (!vol) continue;
    if (b.Ebs.DeleteOnTermination) deleteWithRecord(ctx, vol);
    else save(ctx, vol, { ...vol.doc, State: 'available', Attachments: [] });
  }
  const doc = {
    ...inst.doc, State: state('terminated'), _eniIds: [], BlockDeviceMappings: [],
    StateReason: { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' },
  };
  updateDoc(ctx.platform.storage, where(ctx), inst.id, doc);
  // AWS Config records a terminated instance as deleted; Describe still shows it for a while.
  recordChange(ctx, inst, before, null);
  schedule(ctx, inst.id, DELAYS_MS.terminatedVisible, 'instance-gone');
});

registerTransition('instance-gone', (ctx, id) => {
  if (find(ctx, 'i', id)) deleteResource(ctx.platform.storage, where(ctx), id);
});

function deleteWithRecord(ctx: Ctx, r: Resource): void {
  const before = view(ctx, r);
  deleteResource(ctx.platform.storage, where(ctx), r.id);
  recordChange(ctx, r, before, null);
}

