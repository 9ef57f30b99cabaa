// EC2's tables. Each resource is one row holding the document its Describe* call returns (model
// member names, without Tags), typed by kind and linked to a parent (a subnet's VPC, an instance's
// reservation). Tags live in their own table, indexed by key and value for tag: filters.
// Timers hold the next state change of a resource on the clock (pending -> running, ...).
import type { Row, Storage } from '../../storage/database';
import type { Tag } from './filters';

export const EC2_MIGRATIONS = [
  `CREATE TABLE ec2_resources (
     account_id TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
     parent_id TEXT, doc TEXT NOT NULL, created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, id));
   CREATE INDEX ec2_resources_kind ON ec2_resources (account_id, region, kind, id);
   CREATE INDEX ec2_resources_parent ON ec2_resources (account_id, region, parent_id, kind);
   CREATE TABLE ec2_tags (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_id TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_id, tag_key));
   CREATE INDEX ec2_tags_key ON ec2_tags (account_id, region, tag_key, tag_value);
   CREATE TABLE ec2_timers (
     account_id TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, due_at INTEGER NOT NULL, action TEXT NOT NULL,
     PRIMARY KEY (account_id, region, id));
   CREATE INDEX ec2_timers_due ON ec2_timers (due_at);
   CREATE TABLE ec2_regions_ready (account_id TEXT NOT NULL, region TEXT NOT NULL, PRIMARY KEY (account_id, region));`,
  // The vCPUs each pending or running instance holds against its On-Demand quota (quotas.ts).
  `CREATE TABLE ec2_vcpus (
     account_id TEXT NOT NULL, region TEXT NOT NULL, instance_id TEXT NOT NULL, quota_code TEXT NOT NULL, vcpus INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, instance_id));
   CREATE INDEX ec2_vcpus_quota ON ec2_vcpus (account_id, region, quota_code);`,
  // An ENI's primary address as a number (`_ip`), indexed per subnet, so taking the lowest free
  // address walks an index instead of parsing every interface (enis.ts); earlier ENIs get theirs here.
  // Timers are read by region and due time on every request.
  `UPDATE ec2_resources SET doc = json_set(doc, '$._ip', q.n) FROM (
     WITH a AS (SELECT account_id, region, id, json_extract(doc, '$.PrivateIpAddress') AS s FROM ec2_resources WHERE kind = 'eni'),
          b AS (SELECT *, substr(s, 1, instr(s, '.') - 1) AS o1, substr(s, instr(s, '.') + 1) AS r1 FROM a),
          c AS (SELECT *, substr(r1, 1, instr(r1, '.') - 1) AS o2, substr(r1, instr(r1, '.') + 1) AS r2 FROM b),
          d AS (SELECT *, substr(r2, 1, instr(r2, '.') - 1) AS o3, substr(r2, instr(r2, '.') + 1) AS o4 FROM c)
     SELECT account_id, region, id, ((CAST(o1 AS INTEGER) * 256 + CAST(o2 AS INTEGER)) * 256 + CAST(o3 AS INTEGER)) * 256 + CAST(o4 AS INTEGER) AS n FROM d
   ) AS q WHERE ec2_resources.account_id = q.account_id AND ec2_resources.region = q.region AND ec2_resources.id = q.id;
   CREATE INDEX ec2_eni_addresses ON ec2_resources (account_id, region, parent_id, kind, json_extract(doc, '$._ip')) WHERE kind = 'eni';
   CREATE INDEX ec2_timers_region_due ON ec2_timers (account_id, region, due_at);`,
  // Tags, timers and vCPU holds are small rows always found by their key: clustered on it
  // (WITHOUT ROWID) they are one b-tree each, not a table plus a key index, so every write touches one less.
  `CREATE TABLE ec2_tags_v2 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, resource_id TEXT NOT NULL, tag_key TEXT NOT NULL, tag_value TEXT NOT NULL,
     PRIMARY KEY (account_id, region, resource_id, tag_key)) WITHOUT ROWID;
   INSERT INTO ec2_tags_v2 SELECT account_id, region, resource_id, tag_key, tag_value FROM ec2_tags;
   DROP TABLE ec2_tags;
   ALTER TABLE ec2_tags_v2 RENAME TO ec2_tags;
   CREATE INDEX ec2_tags_key ON ec2_tags (account_id, region, tag_key, tag_value);
   CREATE TABLE ec2_timers_v2 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, due_at INTEGER NOT NULL, action TEXT NOT NULL,
     PRIMARY KEY (account_id, region, id)) WITHOUT ROWID;
   INSERT INTO ec2_timers_v2 SELECT account_id, region, id, due_at, action FROM ec2_timers;
   DROP TABLE ec2_timers;
   ALTER TABLE ec2_timers_v2 RENAME TO ec2_timers;
   CREATE INDEX ec2_timers_due ON ec2_timers (due_at);
   CREATE INDEX ec2_timers_region_due ON ec2_timers (account_id, region, due_at);
   CREATE TABLE ec2_vcpus_v2 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, instance_id TEXT NOT NULL, quota_code TEXT NOT NULL, vcpus INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, instance_id)) WITHOUT ROWID;
   INSERT INTO ec2_vcpus_v2 SELECT account_id, region, instance_id, quota_code, vcpus FROM ec2_vcpus;
   DROP TABLE ec2_vcpus;
   ALTER TABLE ec2_vcpus_v2 RENAME TO ec2_vcpus;
   CREATE INDEX ec2_vcpus_quota ON ec2_vcpus (account_id, region, quota_code, vcpus);`,
  // Fewer b-trees per launch and terminate: one index on due time serves both the region's settle (due
  // timers are applied promptly, so the due range is tiny) and the scheduler; vCPU holds are clustered
  // on their quota (the SUM is a range of the table itself, a release names the quota from the type);
  // a VPC's group by name is one index entry, not a json_extract of each of its groups.
  `DROP INDEX ec2_timers_region_due;
   CREATE TABLE ec2_vcpus_v3 (
     account_id TEXT NOT NULL, region TEXT NOT NULL, quota_code TEXT NOT NULL, instance_id TEXT NOT NULL, vcpus INTEGER NOT NULL,
     PRIMARY KEY (account_id, region, quota_code, instance_id)) WITHOUT ROWID;
   INSERT INTO ec2_vcpus_v3 SELECT account_id, region, quota_code, instance_id, vcpus FROM ec2_vcpus;
   DROP TABLE ec2_vcpus;
   ALTER TABLE ec2_vcpus_v3 RENAME TO ec2_vcpus;
   CREATE INDEX ec2_group_names ON ec2_resources (account_id, region, parent_id, json_extract(doc, '$.GroupName')) WHERE kind = 'sg';`,
  // Children are always looked up by a parent (parent_id = ?): resources without one (volumes, VPCs)
  // need no entry, so a launch writes one index entry less.
  `DROP INDEX ec2_resources_parent;
   CREATE INDEX ec2_resources_parent ON ec2_resources (account_id, region, parent_id, kind) WHERE parent_id IS NOT NULL;`,
  // A kind's ids all start with its prefix and a dash (vpc-..., i-...), so they already sit together, in
  // id order, in the primary key: a list of a kind is a range of it (kindRange), and every write one index lighter.
  'DROP INDEX ec2_resources_kind;',
];

/**
 * The ids of a kind as a key range: `${kind}-` up to `${kind}.` ('.' follows '-'). Every kind's prefix is
 * its name (kinds.ts) and every id is made by newId, which create() checks.
 */
export function kindRange(kind: string): [string, string] {
  return [`${kind}-`, `${kind}.`];
}

export interface Where { accountId: string; region: string }
export type Doc = Record<string, any>;

export interface Resource { id: string; kind: string; parentId: string | null; doc: Doc; createdAt: number }

function toResource(r: Row): Resource {
  return { id: r.id, kind: r.kind, parentId: r.parent_id, doc: JSON.parse(r.doc), createdAt: r.created_at };
}

export function insertResource(s: Storage, w: Where, r: Resource): void {
  s.stmt('INSERT INTO ec2_resources (account_id, region, id, kind, parent_id, doc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(w.accountId, w.region, r.id, r.kind, r.parentId, JSON.stringify(r.doc), r.createdAt);
}

export function updateDoc(s: Storage, w: Where, id: string, doc: Doc): void {
  s.stmt('UPDATE ec2_resources SET doc = ? WHERE account_id = ? AND region = ? AND id = ?').run(JSON.stringify(doc), w.accountId, w.region, id);
}

export function deleteResource(s: Storage, w: Where, id: string): void {
  s.stmt('DELETE FROM ec2_resources WHERE account_id = ? AND region = ? AND id = ?').run(w.accountId, w.region, id);
  s.stmt('DELETE FROM ec2_tags WHERE account_id = ? AND region = ? AND resource_id = ?').run(w.accountId, w.region, id);
  s.stmt('DELETE FROM ec2_timers WHERE account_id = ? AND region = ? AND id = ?').run(w.accountId, w.region, id);
}

export function findResource(s: Storage, w: Where, id: string, kind?: string): Resource | undefined {
  const r = s.stmt('SELECT id, kind, parent_id, doc, created_at FROM ec2_resources WHERE account_id = ? AND region = ? AND id = ?').get(w.accountId, w.region, id) as Row | undefined;
  return r && (!kind || r.kind === kind) ? toResource(r) : undefined;
}

/** Every resource of a kind, in id order. */
export function listKind(s: Storage, w: Where, kind: string): Resource[] {
  return (s.stmt('SELECT * FROM ec2_resources WHERE account_id = ? AND region = ? AND id >= ? AND id < ? AND kind = ? ORDER BY id')
    .all(w.accountId, w.region, ...kindRange(kind), kind) as Row[]).map(toResource);
}

/** Children in creation order (a group's rules as they were added). */
export function listChildren(s: Storage, w: Where, parentId: string, kind: string): Resource[] {
  return (s.stmt('SELECT * FROM ec2_resources WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = ? ORDER BY rowid')
    .all(w.accountId, w.region, parentId, kind) as Row[]).map(toResource);
}

/** A VPC's security group by name: one entry of the names index (named: the planner would as soon walk the VPC's groups). */
export function groupByName(s: Storage, w: Where, vpcId: string, name: string): Resource | undefined {
  const r = s.stmt(`SELECT * FROM ec2_resources INDEXED BY ec2_group_names WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = 'sg'
                    AND json_extract(doc, '$.GroupName') = ? LIMIT 1`).get(w.accountId, w.region, vpcId, name) as Row | undefined;
  return r && toResource(r);
}

export function countChildren(s: Storage, w: Where, parentId: string, kind: string): number {
  return (s.stmt('SELECT COUNT(*) AS n FROM ec2_resources WHERE account_id = ? AND region = ? AND parent_id = ? AND kind = ?')
    .get(w.accountId, w.region, parentId, kind) as Row).n;
}

/** Ids of resources of a kind carrying tag key=one of values (a tag: filter's candidates). */
export function idsWithTag(s: Storage, w: Where, kind: string, key: string, values: string[]): string[] {
  const marks = values.map(() => '?').join(', ');
  return (s.stmt(`SELECT t.resource_id AS id FROM ec2_tags t JOIN ec2_resources r ON r.account_id = t.account_id AND r.region = t.region AND r.id = t.resource_id
                  WHERE t.account_id = ? AND t.region = ? AND t.tag_key = ? AND t.tag_value IN (${marks}) AND r.kind = ? ORDER BY t.resource_id`)
    .all(w.accountId, w.region, key, ...values, kind) as Row[]).map((r) => r.id);
}

export function tagsOf(s: Storage, w: Where, id: string): Tag[] {
  return (s.stmt('SELECT tag_key, tag_value FROM ec2_tags WHERE account_id = ? AND region = ? AND resource_id = ? ORDER BY tag_key')
    .all(w.accountId, w.region, id) as Row[]).map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
}

export function putTag(s: Storage, w: Where, id: string, key: string, value: string): void {
  s.stmt('INSERT INTO ec2_tags (account_id, region, resource_id, tag_key, tag_value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET tag_value = excluded.tag_value')
    .run(w.accountId, w.region, id, key, value);
}

export function deleteTag(s: Storage, w: Where, id: string, key: string): void {
  s.stmt('DELETE FROM ec2_tags WHERE account_id = ? AND region = ? AND resource_id = ? AND tag_key = ?').run(w.accountId, w.region, id, key);
}

/** Every tag in the region with its resource's kind, in resource then key order (DescribeTags). */
export function allTags(s: Storage, w: Where): { id: string; kind: string; key: string; value: string }[] {
  return (s.stmt(`SELECT t.resource_id, r.kind, t.tag_key, t.tag_value FROM ec2_tags t JOIN ec2_resources r
                  ON r.account_id = t.account_id AND r.region = t.region AND r.id = t.resource_id
                  WHERE t.account_id = ? AND t.region = ? ORDER BY t.resource_id, t.tag_key`).all(w.accountId, w.region) as Row[])
    .map((r) => ({ id: r.resource_id, kind: r.kind, key: r.tag_key, value: r.tag_value }));
}

export function setTimer(s: Storage, w: Where, id: string, dueAt: number, action: string): void {
  s.stmt('INSERT INTO ec2_timers (account_id, region, id, due_at, action) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET due_at = excluded.due_at, action = excluded.action')
    .run(w.accountId, w.region, id, dueAt, action);
}

export function clearTimer(s: Storage, w: Where, id: string): void {
  s.stmt('DELETE FROM ec2_timers WHERE account_id = ? AND region = ? AND id = ?').run(w.accountId, w.region, id);
}

export interface TimerRow extends Where { id: string; dueAt: number; action: string }

/** Timers due by `now`, earliest first (all accounts and regions when `w` is omitted). */
export function dueTimers(s: Storage, now: number, w?: Where): TimerRow[] {
  const rows = (w
    // `+` keeps the planner on the due-time index (the key's account/region prefix would walk every timer of the region).
    ? s.stmt('SELECT * FROM ec2_timers WHERE +account_id = ? AND +region = ? AND due_at <= ? ORDER BY due_at').all(w.accountId, w.region, now)
    : s.stmt('SELECT * FROM ec2_timers WHERE due_at <= ? ORDER BY due_at').all(now)) as Row[];
  return rows.map((r) => ({ accountId: r.account_id, region: r.region, id: r.id, dueAt: r.due_at, action: r.action }));
}

export function nextTimer(s: Storage): number | undefined {
  return (s.stmt('SELECT MIN(due_at) AS t FROM ec2_timers').get() as Row).t ?? undefined;
}

export function markRegionReady(s: Storage, w: Where): boolean {
  // Every EC2 call asks; a read answers all but the first without a write statement.
  if (s.stmt('SELECT 1 FROM ec2_regions_ready WHERE account_id = ? AND region = ?').get(w.accountId, w.region)) return false;
  return s.stmt('INSERT OR IGNORE INTO ec2_regions_ready (account_id, region) VALUES (?, ?)').run(w.accountId, w.region).changes > 0;
}
