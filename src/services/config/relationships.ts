// Relationships in both directions. A service names the relationships a resource declares ("Is
// attached to Volume" on an instance); Config gives the other side its inverse ("Is attached to
// Instance" on the volume), as AWS's items show them.
import type { Relationship } from './items';

type Declared = { resourceType: string; resourceId: string; name: string };

// The word AWS uses for a type in relationship names, where it is not the type's last segment.
const SHORT_NAMES: Record<string, string> = {
  'AWS::EC2::VPC': 'Vpc', 'AWS::EC2::EIP': 'Eip', 'AWS::EC2::VPCPeeringConnection': 'VpcPeeringConnection',
  'AWS::IAM::Policy': 'CustomerManagedPolicy', 'AWS::S3::Bucket': 'Bucket',
};

export function shortName(type: string): string {
  return SHORT_NAMES[type] ?? type.split('::').pop() ?? type;
}

/** The name the target of a relationship shows for it, pointing back at a resource of srcType. */
export function inverseName(name: string, srcType: string): string {
  const who = shortName(srcType);
  if (name.startsWith('Is contained in ')) return `Contains ${who}`;
  if (name.startsWith('Contains ')) return `Is contained in ${who}`;
  const verb = /^(Is attached to|Is associated with|Is attached|Is associated|Is [a-z ]+?(?: of| to| with| in| by)?) [A-Z]\w*$/.exec(name)?.[1];
  return `${verb ?? 'Is associated with'} ${who}`;
}

/** A resource's relationships: what it declares and the inverses of what others declare towards it. */
export function effectiveRelationships(own: Declared[], incoming: Declared[], nameOf: (type: string, id: string) => string | undefined): Relationship[] {
  const out: Relationship[] = [];
  const seen = new Set<string>();
  const add = (resourceType: string, resourceId: string, relationshipName: string) => {
    const key = `${resourceType}\u0000${resourceId}\u0000${relationshipName}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ resourceType, resourceId, resourceName: nameOf(resourceType, resourceId), relationshipName });
  };
  for (const r of own) add(r.resourceType, r.resourceId, r.name);
  for (const r of incoming) add(r.resourceType, r.resourceId, inverseName(r.name, r.resourceType));
  // One stable order, so a list that only changed order is not a change.
  return out.sort((a, b) => a.resourceType.localeCompare(b.resourceType) || a.resourceId.localeCompare(b.resourceId) || a.relationshipName.localeCompare(b.relationshipName));
}
