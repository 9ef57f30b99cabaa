// S3's errors in its own words (code, status, message and the fields its <Error> carries).
import { AwsError } from '../../protocol/errors';

const err = (code: string, message: string, status: number, fields: Record<string, unknown> = {}) => new AwsError(code, message, status, status < 500, fields);

export const noSuchBucket = (BucketName: string) => err('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName });
export const noSuchKey = (Key: string) => err('NoSuchKey', 'The specified key does not exist.', 404, { Key });
export const noSuchVersion = (Key: string, VersionId: string) => err('NoSuchVersion', 'The specified version does not exist.', 404, { Key, VersionId });
export const noSuchUpload = (UploadId: string) =>
  err('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId });
export const bucketAlreadyExists = (BucketName: string) => err('BucketAlreadyExists',
  'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409, { BucketName });
export const bucketAlreadyOwnedByYou = (BucketName: string) =>
  err('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName });
export const bucketNotEmpty = (BucketName: string, versioned: boolean) => err('BucketNotEmpty',
  versioned ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' : 'The bucket you tried to delete is not empty', 409, { BucketName });
export const invalidBucketName = (BucketName: string) => err('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName });
export const invalidLocationConstraint = (LocationConstraint: string) =>
  err('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint });
export const illegalLocationConstraint = (constraint: string) => err('IllegalLocationConstraintException',
  `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
export const preconditionFailed = (Condition: string) => err('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition });
export const notModified = () => err('NotModified', 'Not Modified', 304);
export const invalidRange = (RangeRequested: string, ActualObjectSize: number) =>
  err('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested, ActualObjectSize });
export const invalidArgument = (message: string, ArgumentName?: string, ArgumentValue?: string) =>
  err('InvalidArgument', message, 400, { ArgumentName, ArgumentValue });
export const invalidRequest = (message: string) => err('InvalidRequest', message, 400);
export const badDigest = (algorithm: string) => err('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);
export const badContentMd5 = () => err('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
export const invalidDigest = (contentMd5: string) => err('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': contentMd5 });
export const entityTooLarge = (ProposedSize: number, MaxSizeAllowed: number) =>
  err('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize, MaxSizeAllowed });
export const entityTooSmall = (ProposedSize: number, PartNumber: number, ETag: string) => err('EntityTooSmall',
  'Your proposed upload is smaller than the minimum allowed size', 400, { ProposedSize, MinSizeAllowed: 5 * 1024 * 1024, PartNumber, ETag });
export const invalidPart = (UploadId: string, PartNumber: number, ETag: string) => err('InvalidPart',
  'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.',
  400, { UploadId, PartNumber, ETag });
export const invalidPartOrder = (UploadId: string) =>
  err('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, { UploadId });
export const malformedXml = () => err('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
export const methodNotAllowed = (Method: string, ResourceType: string) =>
  err('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method, ResourceType });
export const invalidStorageClass = (StorageClassRequested: string) =>
  err('InvalidStorageClass', 'The storage class you specified is not valid', 400, { StorageClassRequested });
export const invalidTag = (message: string, fields: Record<string, unknown> = {}) => err('InvalidTag', message, 400, fields);
export const noSuchConfig = (code: string, message: string, BucketName: string) => err(code, message, 404, { BucketName });
export const malformedPolicy = (message: string) => err('MalformedPolicy', message, 400);
export const invalidCopyRequest = () => err('InvalidRequest',
  'This copy request is illegal because it is trying to copy an object to itself without changing the object\'s metadata, storage class, website redirect location or encryption attributes.', 400);
