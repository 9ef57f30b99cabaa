// TagResources and UntagResources: per-ARN results in FailedResourcesMap, as AWS reports them.
import { AwsError } from '../../protocol/errors';
import type { RequestContext } from '../types';
import { regionsSeenFrom } from './scope';
import { runWriter, writerFor } from './writers';

type Failure = { StatusCode: number; ErrorCode: 'InvalidParameterException' | 'InternalServiceException'; ErrorMessage: string };

async function eachResource(ctx: RequestContext, arns: string[], act: (w: NonNullable<ReturnType<typeof writerFor>>, r: any) => [string, unknown]) {
  const failed: Record<string, Failure> = Object.create(null);
  const regions = regionsSeenFrom(ctx.region);
  for (const arn of arns) {
    const r = ctx.platform.resources.byArn(ctx.accountId, arn);
    if (!r || !regions.includes(r.region)) {
      failed[arn] = { StatusCode: 404, ErrorCode: 'InvalidParameterException', ErrorMessage: `Resource ${arn} not found.` };
      continue;
    }
    const writer = writerFor(r);
    if (!writer) {
      failed[arn] = { StatusCode: 400, ErrorCode: 'InvalidParameterException', ErrorMessage: `kanri cannot tag ${r.resourceType} resources through the tagging API yet; use the service's own tagging operation.` };
      continue;
    }
    try {
      await runWriter(ctx, writer.service, act(writer, r));
    } catch (err) {
      const e = err as AwsError;
      failed[arn] = e instanceof AwsError
        ? { StatusCode: e.status, ErrorCode: 'InvalidParameterException', ErrorMessage: `${e.code}: ${e.message}` }
        : { StatusCode: 500, ErrorCode: 'InternalServiceException', ErrorMessage: 'The resource could not be tagged.' };
    }
  }
  return { FailedResourcesMap: failed };
}

export const tagResources = (input: { ResourceARNList: string[]; Tags: Record<string, string> }, ctx: RequestContext) =>
  eachResource(ctx, input.ResourceARNList, (w, r) => w.tag(r, input.Tags));

export const untagResources = (input: { ResourceARNList: string[]; TagKeys: string[] }, ctx: RequestContext) =>
  eachResource(ctx, input.ResourceARNList, (w, r) => w.untag(r, input.TagKeys));
