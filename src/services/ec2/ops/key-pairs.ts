// CreateKeyPair (real RSA or ED25519 material), ImportKeyPair, DeleteKeyPair, DescribeKeyPairs.
// The private key is returned once and never stored.
import { describe, type DescribeInput } from '../describe';
import { ec2Error, invalidValue } from '../errors';
import type { FieldMap } from '../filters';
import { createKeyMaterial, importPublicKey } from '../key-material';
import { create, newId, recordCreated, remove, view, where, type Ctx } from '../resources';
import { listKind, type Resource } from '../store';
import { tagOnCreate, type TagSpecification } from '../tagging';

const KEY_FIELDS: FieldMap<any> = {
  'key-pair-id': (k) => k.KeyPairId,
  'key-name': (k) => k.KeyName,
  fingerprint: (k) => k.KeyFingerprint,
  'key-type': (k) => k.KeyType,
};

export function keyByName(ctx: Ctx, name: string): Resource | undefined {
  return listKind(ctx.platform.storage, where(ctx), 'key').find((k) => k.doc.KeyName === name);
}

function checkName(ctx: Ctx, name: string): void {
  if (!name || name.length > 255 || !/^[\x20-\x7e]+$/.test(name)) throw invalidValue(`Value (${name}) for parameter keyName is invalid.`);
  if (keyByName(ctx, name)) throw ec2Error('InvalidKeyPair.Duplicate', name);
}

function store(ctx: Ctx, name: string, type: string, fingerprint: string, publicKey: string, specs?: TagSpecification[]): Resource {
  const id = newId('key');
  const key = create(ctx, 'key', id, {
    KeyPairId: id, KeyFingerprint: fingerprint, KeyName: name, KeyType: type, CreateTime: ctx.now.toISOString(), _publicKey: publicKey,
  });
  tagOnCreate(ctx, key, specs);
  return key;
}

export function createKeyPair(input: { KeyName: string; KeyType?: string; KeyFormat?: string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  checkName(ctx, input.KeyName);
  const type = input.KeyType === 'ed25519' ? 'ed25519' : 'rsa';
  if (input.KeyFormat === 'ppk') throw ec2Error('InvalidParameterValue', 'kanri does not produce PuTTY (ppk) key files; ask for pem.');
  const made = createKeyMaterial(type, input.KeyName);
  const key = store(ctx, input.KeyName, type, made.fingerprint, made.publicKey, input.TagSpecifications);
  const shown = recordCreated(ctx, key);
  return { KeyPairId: key.id, KeyName: input.KeyName, KeyFingerprint: made.fingerprint, KeyMaterial: made.material, Tags: shown.Tags };
}

export function importKeyPair(input: { KeyName: string; PublicKeyMaterial: Buffer | string; TagSpecifications?: TagSpecification[] }, ctx: Ctx) {
  checkName(ctx, input.KeyName);
  const text = Buffer.isBuffer(input.PublicKeyMaterial) ? input.PublicKeyMaterial.toString('utf8') : String(input.PublicKeyMaterial ?? '');
  const imported = importPublicKey(text);
  if (!imported) throw ec2Error('InvalidKeyPair.Format');
  const key = store(ctx, input.KeyName, imported.type, imported.fingerprint, imported.publicKey, input.TagSpecifications);
  const shown = recordCreated(ctx, key);
  return { KeyPairId: key.id, KeyName: input.KeyName, KeyFingerprint: imported.fingerprint, Tags: shown.Tags };
}

export function deleteKeyPair(input: { KeyName?: string; KeyPairId?: string }, ctx: Ctx) {
  const key = input.KeyPairId !== undefined
    ? listKind(ctx.platform.storage, where(ctx), 'key').find((k) => k.id === input.KeyPairId)
    : input.KeyName !== undefined ? keyByName(ctx, input.KeyName) : undefined;
  if (input.KeyPairId === undefined && input.KeyName === undefined) throw ec2Error('MissingParameter', 'KeyName');
  // AWS answers success for a key name that does not exist.
  if (key) remove(ctx, key);
  return { Return: true, KeyPairId: key?.id };
}

export function describeKeyPairs(input: DescribeInput & { KeyNames?: string[]; KeyPairIds?: string[]; IncludePublicKey?: boolean }, ctx: Ctx) {
  let ids = input.KeyPairIds;
  if (input.KeyNames?.length) {
    ids = [...(ids ?? []), ...input.KeyNames.map((n) => {
      const k = keyByName(ctx, n);
      if (!k) throw ec2Error('InvalidKeyPair.NotFound', n);
      return k.id;
    })];
  }
  const show = (c: Ctx, r: Resource) => ({ ...view(c, r), ...(input.IncludePublicKey ? { PublicKey: r.doc._publicKey } : {}) });
  const { items } = describe(ctx, { kind: 'key', ids, fields: KEY_FIELDS, show }, { Filters: input.Filters });
  return { KeyPairs: items };
}
