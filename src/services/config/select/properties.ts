// The searchable property paths and their types, from the generated table data/properties.json
// (scripts/gen-config-properties.py, from awslabs/aws-config-resource-schema). Read on the first query.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PropertyType = 'string' | 'integer' | 'boolean' | 'date' | 'cidr_block' | 'ip' | 'float';

interface Table {
  common: Record<string, PropertyType>;
  merged: Record<string, PropertyType>;
  types: Record<string, Record<string, PropertyType>>;
}

// Works from src/ and from dist/: the data stays in the source tree, as the service models do.
const DATA_FILE = join(__dirname, '..', '..', '..', '..', 'src', 'services', 'config', 'data', 'properties.json');

let table: { merged: Map<string, PropertyType>; objects: Set<string>; types: Map<string, Map<string, PropertyType>> } | undefined;

function load() {
  if (!table) {
    const raw = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as Table;
    const merged = new Map(Object.entries(raw.merged));
    // Every proper prefix of a leaf path names an object (configuration, configuration.state, tags ...).
    const objects = new Set<string>();
    for (const path of merged.keys()) {
      for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) objects.add(path.slice(0, dot));
    }
    const types = new Map<string, Map<string, PropertyType>>();
    for (const [resourceType, paths] of Object.entries(raw.types)) {
      types.set(resourceType, new Map([...Object.entries(raw.common), ...Object.entries(paths)]));
    }
    table = { merged, objects, types };
  }
  return table;
}

/** The type of a leaf property, for one resource type when it is known to the table, else from the merged set. */
export function propertyType(path: string, resourceType?: string): PropertyType | undefined {
  const t = load();
  const own = resourceType === undefined ? undefined : t.types.get(resourceType)?.get(path);
  return own ?? t.merged.get(path);
}

/** A leaf property some resource type carries: what WHERE, GROUP BY, ORDER BY and aggregates accept. */
export function isLeafProperty(path: string): boolean {
  return load().merged.has(path);
}

/** A leaf or an object above leaves (`configuration`, `tags`): what SELECT accepts. */
export function isSelectableProperty(path: string): boolean {
  const t = load();
  return t.merged.has(path) || t.objects.has(path);
}

/** The resource types the table knows (AWS's list of types advanced query supports). */
export function knownResourceTypes(): string[] {
  return [...load().types.keys()];
}
