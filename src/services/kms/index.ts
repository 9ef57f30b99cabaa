// KMS: symmetric keys with real AES-256-GCM, aliases, key policies, grants, tags, rotation and
// deletion on the platform clock. Other services use awsManagedKey, encryptWithKey, decryptBlob.
import type { ServicePlugin } from '../types';
import { KMS_MIGRATIONS } from './store';
import { restoreTimers } from './lifecycle';
import { cancelKeyDeletion, createKeyOp, describeKey, disableKey, enableKey, listKeys, scheduleKeyDeletion, updateKeyDescription } from './ops/keys';
import { createAlias, deleteAlias, listAliases, updateAlias } from './ops/aliases';
import { getKeyPolicy, listKeyPolicies, putKeyPolicy } from './ops/policies';
import { createGrant, listGrants, listRetirableGrants, retireGrant, revokeGrant } from './ops/grants';
import { listResourceTags, tagResource, untagResource } from './ops/tags';
import { disableKeyRotation, enableKeyRotation, getKeyRotationStatus, listKeyRotations, rotateKeyOnDemand } from './ops/rotation';
import { decrypt, encrypt, generateDataKey, generateDataKeyWithoutPlaintext, generateRandom, reEncrypt, wrongKeyUsage } from './ops/crypto';

export { awsManagedKey } from './managed';
export { encryptWithKey, decryptBlob } from './crypto-core';

const kms: ServicePlugin = {
  name: 'kms',
  migrations: KMS_MIGRATIONS,
  init: restoreTimers,
  handlers: {
    CreateKey: createKeyOp,
    DescribeKey: describeKey,
    ListKeys: listKeys,
    EnableKey: enableKey,
    DisableKey: disableKey,
    UpdateKeyDescription: updateKeyDescription,
    ScheduleKeyDeletion: scheduleKeyDeletion,
    CancelKeyDeletion: cancelKeyDeletion,
    CreateAlias: createAlias,
    UpdateAlias: updateAlias,
    DeleteAlias: deleteAlias,
    ListAliases: listAliases,
    GetKeyPolicy: getKeyPolicy,
    PutKeyPolicy: putKeyPolicy,
    ListKeyPolicies: listKeyPolicies,
    CreateGrant: createGrant,
    ListGrants: listGrants,
    ListRetirableGrants: listRetirableGrants,
    RevokeGrant: revokeGrant,
    RetireGrant: retireGrant,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListResourceTags: listResourceTags,
    EnableKeyRotation: enableKeyRotation,
    DisableKeyRotation: disableKeyRotation,
    GetKeyRotationStatus: getKeyRotationStatus,
    RotateKeyOnDemand: rotateKeyOnDemand,
    ListKeyRotations: listKeyRotations,
    Encrypt: encrypt,
    Decrypt: decrypt,
    ReEncrypt: reEncrypt,
    GenerateDataKey: generateDataKey,
    GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
    GenerateRandom: generateRandom,
    Sign: wrongKeyUsage('Sign'),
    Verify: wrongKeyUsage('Verify'),
    GenerateMac: wrongKeyUsage('GenerateMac'),
    VerifyMac: wrongKeyUsage('VerifyMac'),
  },
  // CloudTrail marks KMS's cryptographic calls read-only.
  readOnlyOperations: [
    'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateRandom',
    'Sign', 'Verify', 'GenerateMac', 'VerifyMac',
  ],
};

export default kms;
