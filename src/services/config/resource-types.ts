// Resource type names. Config's model lists AWS's types as an enum, but third-party types recorded
// with PutResourceConfig (MyCorp::App::Server) are read back through the same members, so the
// service checks ResourceType itself (ownEnumShapes): AWS's types, or a third-party name where allowed.
import { loadModel } from '../../protocol/model';
import { validation } from './errors';

let known: string[] | undefined;

function awsTypes(): string[] {
  known ??= loadModel('config').shapes.ResourceType.enum ?? [];
  return known;
}

const THIRD_PARTY = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

export function isThirdParty(type: string): boolean {
  return THIRD_PARTY.test(type) && !/^(AWS|Amazon|Alexa|Custom)::/i.test(type);
}

/** Throws the protocol's enum error unless the type is AWS's, or a third-party one where that is allowed. */
export function checkResourceType(value: string | undefined, path: string, thirdPartyAllowed: boolean): void {
  if (value === undefined || awsTypes().includes(value) || (thirdPartyAllowed && isThirdParty(value))) return;
  throw validation(`1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${awsTypes().join(', ')}]`);
}

export function checkResourceTypes(values: string[] | undefined, path: string): void {
  for (const v of values ?? []) checkResourceType(v, path, false);
}
