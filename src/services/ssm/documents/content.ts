// Document content: parsed from JSON or YAML and checked as SSM checks it (schema version for the
// document type, mainSteps or runtimeConfig, known actions, unique step names, parameter types,
// {{ parameter }} references), then described (parameters, platform types, description).
import { createHash } from 'node:crypto';
import { AwsError } from '../../../protocol/errors';
import { parseYaml, YamlError } from './yaml';

export const MAX_CONTENT_BYTES = 64 * 1024;

const SCHEMAS: Record<string, string[]> = {
  Command: ['1.2', '2.0', '2.2'], Automation: ['0.3'], Session: ['1.0'], Package: ['2.0'], Policy: ['2.0'],
};

const COMMAND_ACTIONS = [
  'aws:runShellScript', 'aws:runPowerShellScript', 'aws:runDocument', 'aws:configurePackage', 'aws:softwareInventory', 'aws:applications',
  'aws:cloudWatch', 'aws:configureDocker', 'aws:domainJoin', 'aws:downloadContent', 'aws:psModule', 'aws:updateAgent', 'aws:updateSsmAgent',
  'aws:runDockerAction', 'aws:refreshAssociation',
];
const AUTOMATION_ACTIONS = [
  'aws:approve', 'aws:assertAwsResourceProperty', 'aws:branch', 'aws:changeInstanceState', 'aws:copyImage', 'aws:createImage', 'aws:createStack',
  'aws:createTags', 'aws:deleteImage', 'aws:deleteStack', 'aws:executeAutomation', 'aws:executeAwsApi', 'aws:executeScript', 'aws:executeStateMachine',
  'aws:invokeLambdaFunction', 'aws:invokeWebhook', 'aws:loop', 'aws:pause', 'aws:runCommand', 'aws:runInstances', 'aws:sleep', 'aws:updateVariable',
  'aws:waitForAwsResourceProperty',
];
const POLICY_ACTIONS = ['aws:softwareInventory'];
const PARAMETER_TYPES = ['String', 'StringList', 'Boolean', 'Integer', 'MapList', 'StringMap'];
const SESSION_TYPES = ['Standard_Stream', 'InteractiveCommands', 'NonInteractiveCommands', 'Port'];
const ALL_PLATFORMS = ['Windows', 'Linux', 'MacOS'];
const PLATFORMS: Record<string, string[]> = {
  'aws:runShellScript': ['Linux', 'MacOS'], 'aws:runPowerShellScript': ['Windows', 'Linux'], 'aws:psModule': ['Windows'],
  'aws:applications': ['Windows'], 'aws:cloudWatch': ['Windows'], 'aws:domainJoin': ['Windows', 'Linux'],
};

export interface DocumentParameter { Name: string; Type: string; Description?: string; DefaultValue?: string }

export interface ParsedDocument {
  body: Record<string, unknown>;
  schemaVersion: string;
  description?: string;
  parameters: DocumentParameter[];
  platformTypes: string[];
}

const invalid = (message: string) => new AwsError('InvalidDocumentContent', message);
const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

export function parseBody(content: string, format: string): unknown {
  if (format === 'YAML') {
    try { return parseYaml(content); } catch (err) {
      if (err instanceof YamlError) throw invalid(`YAML not well-formed. ${err.message}`);
      throw err;
    }
  }
  if (format === 'TEXT') throw invalid('The TEXT document format is for ApplicationConfiguration documents; use JSON or YAML for this document type.');
  try { return JSON.parse(content); } catch (err) {
    throw invalid(`JSON not well-formed. ${(err as Error).message}`);
  }
}

function actionsFor(type: string, schema: string): string[] {
  if (type === 'Automation') return AUTOMATION_ACTIONS;
  if (type === 'Policy') return POLICY_ACTIONS;
  if (type === 'Package') return ['aws:configurePackage'];
  return schema === '2.0' || schema === '2.2' || schema === '1.2' ? COMMAND_ACTIONS : [];
}

function checkParameters(raw: unknown, type: string): DocumentParameter[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw invalid('parameters must be a map of parameter names to their definitions.');
  return Object.entries(raw).map(([name, def]) => {
    if (!/^[a-zA-Z0-9_]+$/.test(name)) throw invalid(`Parameter name ${name} is not valid. Parameter names can contain letters, numbers and underscores.`);
    if (!isObject(def)) throw invalid(`Parameter ${name} must be an object with a type.`);
    const ptype = def.type;
    const ok = typeof ptype === 'string' && (PARAMETER_TYPES.includes(ptype) || (type === 'Automation' && /^AWS::[A-Za-z0-9:]+$/.test(ptype)));
    if (!ok) throw invalid(`Parameter ${name} has an invalid type: ${String(ptype)}. Valid types are String, StringList, Boolean, Integer, MapList and StringMap.`);
    const out: DocumentParameter = { Name: name, Type: ptype };
    if (typeof def.description === 'string') out.Description = def.description;
    if (def.default !== undefined) out.DefaultValue = typeof def.default === 'string' ? def.default : JSON.stringify(def.default);
    return out;
  });
}

function checkSteps(body: Record<string, any>, type: string, schema: string): string[] {
  const allowed = actionsFor(type, schema);
  if (schema === '1.2') {
    if (!isObject(body.runtimeConfig) || !Object.keys(body.runtimeConfig).length) throw invalid('runtimeConfig is required for schema version 1.2 documents.');
    for (const [plugin, def] of Object.entries(body.runtimeConfig)) {
      if (!allowed.includes(plugin)) throw invalid(`Plugin ${plugin} is not supported.`);
      if (!isObject(def) || def.properties === undefined) throw invalid(`Plugin ${plugin} must have properties.`);
    }
    return Object.keys(body.runtimeConfig);
  }
  if (!Array.isArray(body.mainSteps) || !body.mainSteps.length) throw invalid(`mainSteps is required for schema version ${schema} documents and must list at least one step.`);
  const names = new Set<string>();
  return body.mainSteps.map((step: unknown, i: number) => {
    if (!isObject(step)) throw invalid(`Step ${i + 1} in mainSteps must be an object.`);
    if (typeof step.action !== 'string') throw invalid(`Step ${i + 1} in mainSteps has no action.`);
    if (typeof step.name !== 'string' || !/^[a-zA-Z0-9_.-]{1,100}$/.test(step.name)) throw invalid(`Step ${i + 1} in mainSteps needs a name of letters, numbers, . - or _.`);
    if (names.has(step.name)) throw invalid(`Step name ${step.name} is used more than once. Step names must be unique.`);
    names.add(step.name);
    if (!allowed.includes(step.action)) throw invalid(`Action ${step.action} in step ${step.name} is not supported for ${type} documents of schema version ${schema}.`);
    if (step.inputs !== undefined && !isObject(step.inputs)) throw invalid(`The inputs of step ${step.name} must be an object.`);
    if (type !== 'Automation' && step.inputs === undefined) throw invalid(`Step ${step.name} has no inputs.`);
    return step.action;
  });
}

/** Command and Policy documents: every {{ name }} must be a declared parameter. */
function checkReferences(content: string, parameters: DocumentParameter[]): void {
  const declared = new Set(parameters.map((p) => p.Name));
  for (const m of content.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (!declared.has(m[1])) throw invalid(`Parameter "${m[1]}" is used in the document but not declared in parameters.`);
  }
}

export function parseDocument(content: string, format: string, type: string): ParsedDocument {
  if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) throw new AwsError('MaxDocumentSizeExceeded', 'The size limit of a document is 64 KB.');
  const body = parseBody(content, format);
  if (!isObject(body)) throw invalid('The content for the document is not valid.');
  if (body.schemaVersion === undefined) throw invalid('schemaVersion is required.');
  const schemaVersion = String(body.schemaVersion);
  const schemas = SCHEMAS[type];
  if (schemas && !schemas.includes(schemaVersion)) {
    throw new AwsError('InvalidDocumentSchemaVersion', `Document schema version, ${schemaVersion}, is not supported for ${type} documents. Supported versions: ${schemas.join(', ')}.`);
  }
  const parameters = checkParameters(body.parameters, type);
  let actions: string[] = [];
  if (type === 'Session') {
    if (!SESSION_TYPES.includes(body.sessionType)) throw invalid(`sessionType must be one of ${SESSION_TYPES.join(', ')}.`);
  } else if (type === 'Command' || type === 'Automation' || type === 'Policy') {
    actions = checkSteps(body, type, schemaVersion);
  }
  if (type === 'Command' || type === 'Policy') checkReferences(content, parameters);
  const platforms = new Set<string>();
  for (const a of actions) for (const p of PLATFORMS[a] ?? ALL_PLATFORMS) platforms.add(p);
  const platformTypes = type === 'Command' && platforms.size ? ALL_PLATFORMS.filter((p) => platforms.has(p)) : ALL_PLATFORMS;
  return { body, schemaVersion, description: typeof body.description === 'string' ? body.description : undefined, parameters, platformTypes };
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
