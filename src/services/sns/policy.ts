// Topic access policies: the default one AWS writes, AddPermission/RemovePermission statements,
// and the allow check applied to callers from another account.
export function defaultPolicy(topicArn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [{
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic',
        'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
      Resource: topicArn,
      Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
    }],
  });
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function statementsOf(policy: string | undefined): Statement[] {
  if (!policy) return [];
  try {
    const doc = JSON.parse(policy);
    const s = doc?.Statement;
    return Array.isArray(s) ? s : s && typeof s === 'object' ? [s] : [];
  } catch {
    return [];
  }
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function actionMatches(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

function principalMatches(principal: unknown, accountId: string, principalArn: string): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return list((principal as Record<string, unknown>).AWS).some((p) =>
    p === '*' || p === accountId || p === principalArn || p === `arn:aws:iam::${accountId}:root`);
}

function conditionHolds(condition: Statement['Condition'], accountId: string): boolean {
  if (!condition) return true;
  for (const [operator, tests] of Object.entries(condition)) {
    for (const [key, expected] of Object.entries(tests ?? {})) {
      const k = key.toLowerCase();
      if (k !== 'aws:sourceowner' && k !== 'aws:sourceaccount' && k !== 'aws:principalaccount') continue;
      const ok = list(expected).some((v) => v === accountId);
      if (operator.startsWith('StringEquals') || operator.startsWith('StringLike') || operator === 'ArnEquals') {
        if (!ok) return false;
      } else if (operator.startsWith('StringNotEquals') && ok) return false;
    }
  }
  return true;
}

/** Whether the policy lets a caller from accountId perform action (an explicit Deny wins). */
export function policyAllows(policy: string | undefined, accountId: string, principalArn: string, action: string): boolean {
  let allowed = false;
  for (const s of statementsOf(policy)) {
    if (!list(s.Action).some((a) => actionMatches(a, action))) continue;
    if (!principalMatches(s.Principal, accountId, principalArn) || !conditionHolds(s.Condition, accountId)) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
