// S3: buckets (global names per partition), objects with bodies as files, versioning, multipart
// uploads, bucket configuration and lifecycle expiration on the platform clock. See README.md.
import type { ServicePlugin } from '../types';
import { scheduleDelivery } from './notify-delivery';
import { S3_MIGRATIONS } from './store';
import { sweepOrphans } from './cleanup';
import { scheduleLifecycle } from './lifecycle';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './ops/buckets';
import { putObject } from './ops/put';
import { getObject, headObject } from './ops/get';
import { deleteObject, deleteObjects } from './ops/delete';
import { copyObject } from './ops/copy';
import { listObjects, listObjectsV2 } from './ops/listing';
import { getBucketVersioning, listObjectVersions, putBucketVersioning } from './ops/versioning';
import { abortMultipartUpload, createMultipartUpload, uploadPart, uploadPartCopy } from './ops/multipart';
import { completeMultipartUpload } from './ops/complete';
import { listMultipartUploads, listParts } from './ops/multipart-list';
import {
  deleteBucketTagging, deleteObjectTagging, getBucketTagging, getObjectTagging, putBucketTagging, putObjectTagging,
} from './ops/tagging';
import { getBucketAcl, getObjectAcl, putBucketAcl, putObjectAcl } from './ops/acl';
import {
  deleteBucketPolicy, encryption, getBucketPolicy, getBucketPolicyStatus, ownershipControls, publicAccessBlock, putBucketPolicy,
} from './ops/bucket-config';
import {
  deleteBucketCors, deleteBucketLifecycle, getBucketCors, getBucketLifecycleConfiguration, getBucketNotificationConfiguration,
  putBucketCors, putBucketLifecycleConfiguration, putBucketNotificationConfiguration,
} from './ops/bucket-rules';
import {
  getBucketAccelerateConfiguration, getBucketLogging, getBucketReplication, getBucketRequestPayment, getBucketWebsite, getObjectLockConfiguration,
} from './ops/bucket-defaults';

export { findBucketInfo, openObject, writeObject } from './api';

const s3: ServicePlugin = {
  name: 's3',
  migrations: S3_MIGRATIONS,
  init(platform) {
    sweepOrphans(platform);
    scheduleLifecycle(platform);
    scheduleDelivery(platform); // notifications a stopped process had not sent yet
  },
  dataEvents: new Set(['GetObject', 'PutObject', 'HeadObject', 'DeleteObject', 'DeleteObjects', 'CopyObject', 'CreateMultipartUpload', 'UploadPart', 'UploadPartCopy',
    'CompleteMultipartUpload', 'AbortMultipartUpload', 'ListParts', 'ListObjects', 'ListObjectsV2', 'ListObjectVersions', 'GetObjectAcl', 'PutObjectAcl',
    'GetObjectTagging', 'PutObjectTagging', 'DeleteObjectTagging', 'GetObjectAttributes', 'RestoreObject', 'SelectObjectContent', 'GetObjectLegalHold',
    'PutObjectLegalHold', 'GetObjectRetention', 'PutObjectRetention']),
  handlers: {
    CreateBucket: createBucket,
    DeleteBucket: deleteBucket,
    HeadBucket: headBucket,
    ListBuckets: listBuckets,
    GetBucketLocation: getBucketLocation,
    PutObject: putObject,
    GetObject: getObject,
    HeadObject: headObject,
    DeleteObject: deleteObject,
    DeleteObjects: deleteObjects,
    CopyObject: copyObject,
    ListObjects: listObjects,
    ListObjectsV2: listObjectsV2,
    ListObjectVersions: listObjectVersions,
    PutBucketVersioning: putBucketVersioning,
    GetBucketVersioning: getBucketVersioning,
    CreateMultipartUpload: createMultipartUpload,
    UploadPart: uploadPart,
    UploadPartCopy: uploadPartCopy,
    CompleteMultipartUpload: completeMultipartUpload,
    AbortMultipartUpload: abortMultipartUpload,
    ListParts: listParts,
    ListMultipartUploads: listMultipartUploads,
    GetObjectTagging: getObjectTagging,
    PutObjectTagging: putObjectTagging,
    DeleteObjectTagging: deleteObjectTagging,
    GetBucketTagging: getBucketTagging,
    PutBucketTagging: putBucketTagging,
    DeleteBucketTagging: deleteBucketTagging,
    GetBucketAcl: getBucketAcl,
    PutBucketAcl: putBucketAcl,
    GetObjectAcl: getObjectAcl,
    PutObjectAcl: putObjectAcl,
    GetBucketPolicy: getBucketPolicy,
    PutBucketPolicy: putBucketPolicy,
    DeleteBucketPolicy: deleteBucketPolicy,
    GetBucketPolicyStatus: getBucketPolicyStatus,
    GetPublicAccessBlock: publicAccessBlock.get,
    PutPublicAccessBlock: publicAccessBlock.put,
    DeletePublicAccessBlock: publicAccessBlock.remove,
    GetBucketOwnershipControls: ownershipControls.get,
    PutBucketOwnershipControls: ownershipControls.put,
    DeleteBucketOwnershipControls: ownershipControls.remove,
    GetBucketEncryption: encryption.get,
    PutBucketEncryption: encryption.put,
    DeleteBucketEncryption: encryption.remove,
    GetBucketCors: getBucketCors,
    PutBucketCors: putBucketCors,
    DeleteBucketCors: deleteBucketCors,
    GetBucketLifecycleConfiguration: getBucketLifecycleConfiguration,
    PutBucketLifecycleConfiguration: putBucketLifecycleConfiguration,
    DeleteBucketLifecycle: deleteBucketLifecycle,
    GetBucketNotificationConfiguration: getBucketNotificationConfiguration,
    PutBucketNotificationConfiguration: putBucketNotificationConfiguration,
    GetBucketAccelerateConfiguration: getBucketAccelerateConfiguration,
    GetBucketRequestPayment: getBucketRequestPayment,
    GetBucketLogging: getBucketLogging,
    GetBucketWebsite: getBucketWebsite,
    GetBucketReplication: getBucketReplication,
    GetObjectLockConfiguration: getObjectLockConfiguration,
  },
  // Object bodies are data, not request parameters: CloudTrail must not walk the socket stream.
  redactMembers: ['Body'],
  // S3 answers these bad enum values with its own errors (InvalidLocationConstraint, InvalidStorageClass).
  ownEnumShapes: new Set(['BucketLocationConstraint', 'StorageClass']),
};

export default s3;
