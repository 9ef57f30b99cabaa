// Function resource policies: AddPermission's statements in AWS's format, kept per qualifier, and
// the check other services make before they invoke a function (checkInvokePermission).
import { randomUUID } from 'node:crypto';
import { parseArn } from '../../core/arn';

export interface PolicyDoc { Version: '2012-10-17'; Id: 'default'; Statement: Record<string, any>[] }

/** fn.policy: qualifier ('' for the unqualified function) → its document and revision. */
export type Policies = Record<string, { doc: PolicyDoc; revisionId: string }>;

export function buildStatement(input: Record<string, any>, resource: string): Record<string, any> {
  const p: string = input.Principal;
  const principal = p === '*' ? '*' : /^\d{12}$/.test(p) ? { AWS: `arn:aws:iam::${p}:root` } : p.startsWith('arn:') ? { AWS: p } : { Service: p };
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined) => {
    if (value !== undefined) (condition[op] ??= {})[key] = value;
  };
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  return {
    Sid: input.StatementId, Effect: 'Allow', Principal: principal, Action: input.Action, Resource: resource,
    ...(Object.keys(condition).length ? { Condition: condition } : {}),
  };
}

export function addStatement(policies: Policies, qualifier: string, statement: Record<string, any>): void {
  const entry = policies[qualifier] ?? { doc: { Version: '2012-10-17', Id: 'default', Statement: [] }, revisionId: '' };
  entry.doc.Statement.push(statement);
  entry.revisionId = randomUUID();
  policies[qualifier] = entry;
}

function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((part) => part.split('?').map((x) => x.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('.')).join('.*')}$`);
  return re.test(value);
}

function allowsInvoke(st: Record<string, any>, principalService: string, sourceArn: string | undefined): boolean {
  if (st.Effect !== 'Allow') return false;
  const actions = [st.Action].flat();
  if (!actions.some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*')) return false;
  const principal = st.Principal;
  if (principal !== '*' && principal?.Service !== principalService && !(Array.isArray(principal?.Service) && principal.Service.includes(principalService))) return false;
  const arnLike = st.Condition?.ArnLike?.['AWS:SourceArn'] ?? st.Condition?.ArnEquals?.['AWS:SourceArn'];
  if (arnLike !== undefined && (sourceArn === undefined || !wildcard(arnLike, sourceArn))) return false;
  const account = st.Condition?.StringEquals?.['AWS:SourceAccount'];
  if (account !== undefined) {
    const sourceAccount = sourceArn ? parseArn(sourceArn)?.account : undefined;
    if (sourceAccount && sourceAccount !== account) return false;
  }
  return true;
}

/** Whether the policy of that qualifier (or of the unqualified function) lets the service invoke. */
export function policyAllows(policies: Policies | null, qualifier: string, principalService: string, sourceArn?: string): boolean {
  if (!policies) return false;
  const entry = Object.hasOwn(policies, qualifier) ? policies[qualifier] : undefined;
  return !!entry?.doc.Statement.some((st) => allowsInvoke(st, principalService, sourceArn));
}
