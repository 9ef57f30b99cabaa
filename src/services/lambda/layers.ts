// A function's Layers: checked and resolved to their packages when set, and laid out in one folder
// (Lambda's /opt) in order when the function runs, later layers over earlier ones.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../../core/platform';
import { extractPackage, lambdaRoot } from './code';
import { invalidParameter } from './errors';
import { findLayerVersion } from './store-layers';

const MAX_LAYERS = 5;

export interface FunctionLayer { Arn: string; CodeSize: number; KanriCodeSha: string }

/** Resolves Layers input (layer version ARNs) to the Layers a configuration keeps. */
export function resolveLayers(platform: Platform, arns: string[] | undefined): FunctionLayer[] | undefined {
  if (arns === undefined) return undefined;
  if (arns.length > MAX_LAYERS) throw invalidParameter(`Cannot reference more than ${MAX_LAYERS} layers.`);
  return arns.map((layerArn) => {
    const m = /^arn:[^:]+:lambda:([^:]+):(\d{12}):layer:([a-zA-Z0-9-_]+):(\d+)$/.exec(layerArn);
    const v = m && findLayerVersion(platform.storage, m[2], m[1], m[3], Number(m[4]));
    if (!v) throw invalidParameter(`Layer version ${layerArn} does not exist.`);
    return { Arn: layerArn, CodeSize: v.config.Content.CodeSize, KanriCodeSha: v.codeSha };
  });
}

/** The folder holding the function's layers (its /opt), made once per combination of packages. */
export function optDir(platform: Platform, layers: FunctionLayer[] | undefined): string | undefined {
  if (!layers?.length) return undefined;
  const root = join(lambdaRoot(platform), 'opt');
  const dir = join(root, createHash('sha256').update(layers.map((l) => l.KanriCodeSha).join(',')).digest('hex').slice(0, 32));
  if (existsSync(dir)) return dir;
  mkdirSync(root, { recursive: true });
  const staging = mkdtempSync(join(root, 'unzip-'));
  for (const layer of layers) extractPackage(platform, layer.KanriCodeSha, staging);
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another invocation laid it out first
  }
  return dir;
}
