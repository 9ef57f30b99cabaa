// StartLogging, StopLogging, GetTrailStatus. A logging trail delivers on the clock (delivery.ts).
import type { RequestContext } from '../../types';
import { cancelDelivery, scheduleDelivery } from '../delivery';
import { trailNotFound } from '../errors';
import { requireHomeTrail, requireTrail, trailArn } from '../names';
import { saveTrail } from '../store-trails';
import { statusView } from '../views';

/** Delivery starts from this moment: events from before logging began are not the trail's. */
export function startLogging(input: { Name: string }, ctx: RequestContext) {
  const trail = requireHomeTrail(ctx, input.Name);
  if (trail.logging) return {};
  const now = ctx.now.getTime();
  saveTrail(ctx.platform.storage, { ...trail, logging: true, status: { ...trail.status, startLoggingTime: now }, deliveredUntil: now });
  scheduleDelivery(ctx.platform, trail);
  return {};
}

export function stopLogging(input: { Name: string }, ctx: RequestContext) {
  const trail = requireHomeTrail(ctx, input.Name);
  if (!trail.logging) return {};
  saveTrail(ctx.platform.storage, { ...trail, logging: false, status: { ...trail.status, stopLoggingTime: ctx.now.getTime() } });
  cancelDelivery(ctx.platform, trail);
  return {};
}

/** A name AWS cannot find is reported as the ARN it would have in this Region. */
export function getTrailStatus(input: { Name: string }, ctx: RequestContext) {
  const notFound = (name: string) =>
    trailNotFound(name.startsWith('arn:') ? name : trailArn({ accountId: ctx.accountId, homeRegion: ctx.region, name }), ctx.accountId);
  return statusView(requireTrail(ctx, input.Name, notFound));
}
