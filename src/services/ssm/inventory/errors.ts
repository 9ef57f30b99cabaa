// Inventory's modelled errors. Those whose shape carries a TypeName get it as a field.
import { AwsError } from '../../../protocol/errors';

const withType = (code: string, message: string, typeName?: string) => new AwsError(code, message, 400, true, typeName ? { TypeName: typeName } : {});

export const invalidTypeName = (message: string) => new AwsError('InvalidTypeNameException', message);
export const invalidItemContent = (typeName: string, message: string) => withType('InvalidItemContentException', message, typeName);
export const itemSizeLimit = (typeName: string) => withType('ItemSizeLimitExceededException', `The size of inventory item ${typeName} exceeds the limit of 200 KB.`, typeName);
export const itemContentMismatch = (typeName: string) =>
  withType('ItemContentMismatchException', `The ContentHash of ${typeName} does not match the stored content, and the item carries no Content to replace it.`, typeName);
export const totalSizeLimit = () => new AwsError('TotalSizeLimitExceededException', 'The size of inventory data in the request exceeds the limit of 1 MB per call.');
export const customSchemaLimit = () => new AwsError('CustomSchemaCountLimitExceededException',
  'You have exceeded the limit for custom schemas (20). Delete one or more custom schemas and try again.');
export const unsupportedSchemaVersion = (message: string) => new AwsError('UnsupportedInventorySchemaVersionException', message);
export const unsupportedContext = (typeName: string) =>
  withType('UnsupportedInventoryItemContextException', `The Context attribute isn't allowed for ${typeName}. Only AWS:ComplianceItem takes a Context.`, typeName);
export const invalidContext = (message: string) => new AwsError('InvalidInventoryItemContextException', message);
export const invalidFilter = (message: string) => new AwsError('InvalidFilter', message);
export const invalidAggregator = (message: string) => new AwsError('InvalidAggregatorException', message);
export const invalidGroup = (message: string) => new AwsError('InvalidInventoryGroupException', message);
export const invalidResultAttribute = (message: string) => new AwsError('InvalidResultAttributeException', message);
export const invalidInstanceId = (id: string) => new AwsError('InvalidInstanceId', `Instance ${id} is not a managed instance of this account and Region.`);
export const invalidDeletionId = () => new AwsError('InvalidDeletionIdException', 'The ID specified for the delete operation does not exist or is not valid. Verify the ID and try again.');
export const invalidNextToken = () => new AwsError('InvalidNextToken', 'The specified token is not valid.');
