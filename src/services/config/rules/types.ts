// The shapes a managed rule works on: configuration items (AWS Config's format 1.3), the context a
// rule runs in, and the evaluations it returns. Rules are pure functions of these.

export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';

export interface ConfigurationItem {
  version?: string;
  accountId?: string;
  awsRegion?: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  arn?: string;
  configurationItemStatus?: string; // OK, ResourceDiscovered, ResourceDeleted, ...
  configurationItemCaptureTime?: string;
  configuration: any; // the resource's Describe output in camelCase; null for a deleted resource
  supplementaryConfiguration?: Record<string, any>;
  tags?: Record<string, string>;
  relationships?: { resourceType: string; resourceId?: string; resourceName?: string; name: string }[];
}

/**
 * Account-level facts some periodic rules need that AWS reads from service APIs, not from items
 * (IAM's credential report and password policy, a key's rotation status). The Config service fills
 * what it can; a rule that needs a missing one fails with RuleDataUnavailable.
 */
export interface AccountFacts {
  /** GetAccountPasswordPolicy's PasswordPolicy; null when the account has none. */
  passwordPolicy?(): Record<string, any> | null;
  /** GetAccountSummary's SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, ...). */
  accountSummary?(): Record<string, number>;
  /** ListAccessKeys for a user: {accessKeyId, status, createDate (ISO)}. */
  accessKeys?(userName: string): { accessKeyId: string; status: string; createDate: string }[];
  /** Credential report rows (user, password_enabled, mfa_active, password_last_used, ...). */
  credentialReport?(): Record<string, string>[];
  /** GetKeyRotationStatus for a customer managed key. */
  keyRotationEnabled?(keyId: string): boolean | undefined;
  /** CloudTrail GetTrailStatus's IsLogging for a trail ARN or name. */
  trailIsLogging?(trail: string): boolean | undefined;
}

export interface RuleContext {
  parameters: Record<string, string>; // InputParameters, with catalogue defaults applied
  items: {
    byType(resourceType: string): Iterable<ConfigurationItem>;
    get(resourceType: string, resourceId: string): ConfigurationItem | undefined;
  };
  accountId: string;
  region: string;
  now: Date;
  facts?: AccountFacts;
}

export interface Evaluation {
  resourceType: string;
  resourceId: string;
  complianceType: ComplianceType;
  annotation?: string;
}

export interface ManagedRule {
  identifier: string;
  resourceTypes: string[];
  /** Change-triggered: evaluate one item (deleted items are handled by the caller: NOT_APPLICABLE). */
  evaluateItem?(item: ConfigurationItem, ctx: RuleContext): Evaluation[];
  /** Periodic / account-level: evaluate the whole account. */
  evaluatePeriodic?(ctx: RuleContext): Evaluation[];
}

/**
 * Thrown when a rule cannot judge because kanri lacks the data it needs (or a parameter is not
 * usable): the caller records it in the rule's evaluation status instead of inventing a verdict.
 */
export class RuleEvaluationError extends Error {
  constructor(message: string, readonly code = 'RuleEvaluationError') {
    super(message);
    this.name = code;
  }
}
