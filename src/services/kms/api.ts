// What other services may use of KMS (through services/links.ts): the AWS managed key of a
// service (alias/aws/<service>, created on first use) and encryption under a key "via" that
// service. Errors are KMS's own AwsErrors (NotFoundException, DisabledException, ...): the caller
// decides how they surface in its API, as AWS services wrap them.
export { awsManagedKey } from './managed';
export { encryptWithKey, decryptBlob } from './crypto-core';
