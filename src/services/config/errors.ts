// Config's modelled errors, with the messages AWS sends.
import { AwsError } from '../../protocol/errors';

export const noSuchRecorder = (name: string) => new AwsError('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${name}'.`);
export const noDeliveryChannel = () => new AwsError('NoAvailableDeliveryChannelException', 'Delivery channel is not available to start configuration recorder.');
export const tooManyRecorders = (name: string) =>
  new AwsError('MaxNumberOfConfigurationRecordersExceededException', `Failed to put configuration recorder '${name}' because the maximum number of configuration recorders: 1 is reached.`);
export const noRecorderForChannel = () => new AwsError('NoAvailableConfigurationRecorderException', 'Configuration recorder is not available to put delivery channel.');
export const noRecorder = () => new AwsError('NoAvailableConfigurationRecorderException', 'Configuration recorder is not available.');
export const tooManyChannels = (name: string) =>
  new AwsError('MaxNumberOfDeliveryChannelsExceededException', `Failed to put delivery channel '${name}' because the maximum number of delivery channels: 1 is reached.`);
export const invalidChannelName = (name: string) => new AwsError('InvalidDeliveryChannelNameException', `The delivery channel name '${name}' is not valid, blank string.`);
export const noSuchBucket = (name: string) =>
  new AwsError('NoSuchBucketException', name ? `Cannot find a S3 bucket with the name '${name}'.` : 'Cannot find a S3 bucket with an empty bucket name.');
export const invalidPrefix = (prefix: string) => new AwsError('InvalidS3KeyPrefixException', `The s3 key prefix '${prefix}' is not valid, empty s3 key prefix.`);
export const invalidTopic = (arn: string) => new AwsError('InvalidSNSTopicARNException', `The sns topic arn '${arn}' is not valid.`);
export const invalidKmsKey = (arn: string) => new AwsError('InvalidS3KmsKeyArnException', `The s3 kms key arn '${arn}' is not valid.`);
export const noSuchChannel = (name: string) => new AwsError('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${name}'.`);
export const lastChannel = (name: string) =>
  new AwsError('LastDeliveryChannelDeleteFailedException', `Failed to delete last specified delivery channel with name '${name}', because there is a running configuration recorder.`);
export const notRunning = () => new AwsError('NoRunningConfigurationRecorderException', 'The configuration recorder is not running.');
export const notDiscovered = (type: string, id: string) => new AwsError('ResourceNotDiscoveredException', `Resource ${id} of resourceType:${type} is unknown or has not been discovered`);
export const invalidTimeRange = () => new AwsError('InvalidTimeRangeException', 'The earlier time can not be later than the later time.');
export const invalidNextToken = () => new AwsError('InvalidNextTokenException', 'The nextToken provided is invalid');
export const invalidLimit = (n: number) => new AwsError('InvalidLimitException', `Value '${n}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`);
export const validation = (message: string) => new AwsError('ValidationException', message);
export const invalidRole = () => new AwsError('InvalidRoleException', 'The role ARN provided is not valid.');
export const noSuchTaggable = (arn: string) => new AwsError('ResourceNotFoundException', `ResourceArn '${arn}' does not exist`);
