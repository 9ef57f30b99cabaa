// Queue policies: stored as the JSON document the caller set; AddPermission and RemovePermission
// edit statements in it by Sid, as SQS does.
import { invalidAttributeValue } from './errors';

export interface PolicyDocument { Version?: string; Id?: string; Statement: Record<string, unknown>[] }

export function checkPolicyDocument(text: string): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalidAttributeValue('Policy');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw invalidAttributeValue('Policy');
  const d = doc as Record<string, unknown>;
  const statements = Array.isArray(d.Statement) ? d.Statement : d.Statement && typeof d.Statement === 'object' ? [d.Statement] : undefined;
  if (!statements || statements.some((s) => !s || typeof s !== 'object' || Array.isArray(s))) throw invalidAttributeValue('Policy');
  for (const s of statements as Record<string, unknown>[]) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw invalidAttributeValue('Policy');
  }
  return { ...(d as object), Statement: statements as Record<string, unknown>[] };
}
