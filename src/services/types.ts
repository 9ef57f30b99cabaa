// The service plugin contract. A service is a folder with an index.ts exporting one of these.
import type { Platform } from '../core/platform';
import type { ResourceChange } from '../core/events';
import type { Principal } from '../core/accounts';

export interface RequestContext {
  requestId: string;
  service: string;
  operation: string;
  accountId: string;
  region: string;
  principal: Principal;
  sourceIp: string;
  userAgent: string;
  /** The Host header the client sent (SQS builds queue URLs from it). */
  host: string;
  platform: Platform;
  /** Clock time of the request. */
  now: Date;
  /** Names a resource the call used, for CloudTrail's ResourceType/ResourceName lookups. */
  touch(resourceType: string, resourceName: string): void;
  /** Writes a resource-change event in the request's transaction, and names the resource in CloudTrail. */
  emit(change: Omit<ResourceChange, 'accountId' | 'region' | 'time' | 'requestId' | 'service'> & Partial<ResourceChange>): void;
}

export type Handler = (input: any, ctx: RequestContext) => any | Promise<any>;

export interface ServicePlugin {
  /** The model's file name in src/models (sts, ec2, ...). */
  name: string;
  handlers: Record<string, Handler>;
  /** SQL migrations; table names start with the service name (sts_..., cloudtrail_...). */
  migrations?: string[];
  /** Called once when the service is first loaded: register subscribers and jobs here. */
  init?(platform: Platform): void;
  /** Overrides the protocol's validation error code (e.g. IAM and STS say ValidationError). */
  validationErrorCode?: string;
  /** Enum shapes whose bad values the service answers itself, with its own errors (S3's InvalidStorageClass). */
  ownEnumShapes?: ReadonlySet<string>;
  /**
   * Operations CloudTrail logs as data events (S3 object-level calls, SQS messages, SNS Publish,
   * Lambda Invoke). They are not management events, so kanri leaves them out of the event history
   * and out of trails, as AWS does for a trail without data event selectors.
   */
  dataEvents?: ReadonlySet<string>;
  /** Operations CloudTrail marks readOnly beyond the Get/List/Describe naming rule. */
  readOnlyOperations?: string[];
  /** Resolves access keys this service issued (see KEY_RESOLVERS in services/index.ts). */
  resolveAccessKey?(platform: Platform, accessKeyId: string): Principal | undefined;
  /** Members CloudTrail must hide that the model does not mark sensitive. */
  redactMembers?: string[];
}
