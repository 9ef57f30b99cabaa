// CloudTrail's modelled errors. Messages follow AWS where it is known (moto's tests pin the
// trail-name and not-found wording); the rest say plainly what was wrong.
import { AwsError } from '../../protocol/errors';

const error = (code: string) => (message: string) => new AwsError(code, message, 400);

export const invalidTrailName = error('InvalidTrailNameException');
export const invalidArn = (value: string) =>
  new AwsError('CloudTrailARNInvalidException', `Invalid trail ARN: ${value}. The format of a trail ARN is arn:aws:cloudtrail:us-east-2:123456789012:trail/MyTrail.`, 400);
export const trailNotFound = (name: string, accountId: string) => new AwsError('TrailNotFoundException', `Unknown trail: ${name} for the user: ${accountId}`, 400);
export const trailExists = (name: string, accountId: string) =>
  new AwsError('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${accountId}`, 400);
export const tooManyTrails = (accountId: string, region: string) =>
  new AwsError('MaximumNumberOfTrailsExceededException', `User: ${accountId} already has 5 trails in ${region}.`, 400);
export const notHomeRegion = (arn: string, region: string) =>
  new AwsError('InvalidHomeRegionException', `The trail ${arn} can only be changed in its home Region, not in ${region}.`, 400);
export const invalidCombination = error('InvalidParameterCombinationException');
export const invalidBucketName = (bucket: string) => new AwsError('InvalidS3BucketNameException', `Bucket name is not valid: ${bucket}`, 400);
export const bucketMissing = (bucket: string) => new AwsError('S3BucketDoesNotExistException', `S3 bucket ${bucket} does not exist!`, 400);
export const invalidPrefix = error('InvalidS3PrefixException');
export const invalidSelectors = error('InvalidEventSelectorsException');
export const invalidTags = error('InvalidTagParameterException');
export const tagsLimit = () =>
  new AwsError('TagsLimitExceededException', 'The number of tags per trail has exceeded the permitted amount. Currently, the limit is 50.', 400);
export const resourceNotFound = (arn: string) => new AwsError('ResourceNotFoundException', `Resource not found: ${arn}`, 400);
export const organizationsNotInUse = () =>
  new AwsError('OrganizationsNotInUseException', 'An organization trail needs AWS Organizations, which this kanri build does not have.', 400);
export const invalidLookupAttributes = error('InvalidLookupAttributesException');
export const invalidTimeRange = error('InvalidTimeRangeException');
export const invalidMaxResults = error('InvalidMaxResultsException');
export const invalidNextToken = error('InvalidNextTokenException');
