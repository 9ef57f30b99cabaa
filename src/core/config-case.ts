// AWS Config names an API's PascalCase members as Java beans do (Jackson): the leading run of
// capitals goes lower case. KeyId -> keyId, AWSAccountId -> awsaccountId, KMSKeyArn -> kmskeyArn,
// S3BucketName -> s3BucketName, TrailARN -> trailARN.

export function configName(name: string): string {
  let i = 0;
  while (i < name.length && name[i] >= 'A' && name[i] <= 'Z') i++;
  return name.slice(0, i).toLowerCase() + name.slice(i);
}

/**
 * A description with every member renamed as Config names it; dates become ISO text. Members named
 * in `userMaps` hold the user's own keys (Lambda's environment Variables) and are kept as given.
 */
export function configCase(value: unknown, userMaps: ReadonlySet<string> = NONE): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => configCase(v, userMaps));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[configName(k)] = userMaps.has(k) ? v : configCase(v, userMaps);
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set();
