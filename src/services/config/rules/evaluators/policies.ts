// Reading IAM-style policy documents: statements, actions, public principals, admin statements.
import { list } from '../fields';

export interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const statements = (doc: any): Statement[] => list(doc?.Statement).filter((s) => s && typeof s === 'object');
export const actionsOf = (s: Statement): string[] => list(s.Action).map(String);
export const resourcesOf = (s: Statement): string[] => list(s.Resource).map(String);

/** Principal "*" or {"AWS": "*"} (or a list holding "*"). */
export function isPublicPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>).AWS;
    return list(aws).some((p) => p === '*');
  }
  return false;
}

/**
 * Conditions that pin a public statement to the owner's own principals or network keep it private;
 * AWS's policy analysis treats these keys as restricting.
 */
const RESTRICTING_KEYS = /^aws:(SourceArn|SourceAccount|SourceOwner|SourceVpc|SourceVpce|SourceIp|PrincipalAccount|PrincipalArn|PrincipalOrgID|userid|username)$/i;
function restricted(s: Statement): boolean {
  for (const block of Object.values(s.Condition ?? {})) {
    if (block && typeof block === 'object' && Object.keys(block).some((k) => RESTRICTING_KEYS.test(k))) return true;
  }
  return false;
}

/** Does an Allow statement give everyone an action matching the pattern (or *)? */
export function grantsPublicly(doc: any, action: RegExp): boolean {
  return statements(doc).some((s) =>
    s.Effect === 'Allow' && isPublicPrincipal(s.Principal) && !restricted(s) &&
    actionsOf(s).some((a) => a === '*' || action.test(a)));
}

/** Allow with Action "*" on Resource "*". */
export const isAdminStatement = (s: Statement) =>
  s.Effect === 'Allow' && actionsOf(s).includes('*') && resourcesOf(s).includes('*');

/** Allow with a service-wide action ("s3:*") or "*". */
export const isFullAccessStatement = (s: Statement) =>
  s.Effect === 'Allow' && actionsOf(s).some((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
