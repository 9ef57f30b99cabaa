// SecureString values: encrypted through KMS under the account's alias/aws/ssm key (created on
// first use, as AWS does) or the key the request names, bound to the parameter's ARN as the
// encryption context (PARAMETER_ARN), as Parameter Store binds it. KMS's refusals surface as
// InvalidKeyId carrying KMS's own error, as AWS reports them.
import { AwsError } from '../../../protocol/errors';
import { requireApi } from '../../links';
import type { RequestContext } from '../../types';
import type * as KmsApi from '../../kms/api';
import { kmsFailure } from '../errors';

export const DEFAULT_KEY = 'alias/aws/ssm';

function kms(): typeof KmsApi {
  return requireApi<typeof KmsApi>('kms');
}

function viaKms<T>(ctx: RequestContext, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AwsError) throw kmsFailure(err, ctx.requestId);
    throw err;
  }
}

/** The ciphertext (base64) of a value, under keyId. */
export function encryptValue(ctx: RequestContext, keyId: string, value: string, parameterArn: string): string {
  return viaKms(ctx, () => {
    if (keyId === DEFAULT_KEY) kms().awsManagedKey(ctx.platform, ctx.accountId, ctx.region, 'ssm');
    const sealed = kms().encryptWithKey(ctx.platform, ctx.accountId, ctx.region, keyId, Buffer.from(value, 'utf8'), { PARAMETER_ARN: parameterArn });
    return sealed.ciphertextBlob.toString('base64');
  });
}

export function decryptValue(ctx: RequestContext, ciphertext: string, parameterArn: string): string {
  return viaKms(ctx, () => kms().decryptBlob(ctx.platform, ctx.accountId, ctx.region, Buffer.from(ciphertext, 'base64'), { PARAMETER_ARN: parameterArn })
    .plaintext.toString('utf8'));
}
