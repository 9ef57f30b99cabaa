// Where AWS's wire format departs from what its model says. Keyed by shape name, as data, so a
// codec still never names a service. Each entry says what the real service sends.

/**
 * Output shapes whose one member is sent as the text of the root element itself, e.g.
 * S3 GetBucketLocation: <LocationConstraint xmlns="...">eu-west-1</LocationConstraint>.
 * botocore and the SDK v3 both special-case reading it this way.
 */
export const TEXT_ROOT_OUTPUTS: Record<string, string> = {
  GetBucketLocationOutput: 'LocationConstraint',
};

/**
 * Query-era wire names of services whose model is now json-native but that still answer the query
 * protocol (awsQueryCompatible: SQS). Keyed by model, then shape: a list's member name, a map's
 * key/value names, a structure's member renames, as the service's former query model said them.
 */
export interface QueryNames { xmlNamespace: string; lists: Record<string, string>; maps: Record<string, [string, string]>; members: Record<string, Record<string, string>> }

export const QUERY_COMPAT_NAMES: Record<string, QueryNames> = {
  sqs: {
    xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
    lists: {
      AWSAccountIdList: 'AWSAccountId', ActionNameList: 'ActionName', AttributeNameList: 'AttributeName', BatchResultErrorEntryList: 'BatchResultErrorEntry',
      BinaryList: 'BinaryListValue', StringList: 'StringListValue', MessageAttributeNameList: 'MessageAttributeName', MessageList: 'Message',
      MessageSystemAttributeList: 'AttributeName', QueueUrlList: 'QueueUrl', TagKeyList: 'TagKey',
      ChangeMessageVisibilityBatchRequestEntryList: 'ChangeMessageVisibilityBatchRequestEntry', ChangeMessageVisibilityBatchResultEntryList: 'ChangeMessageVisibilityBatchResultEntry',
      DeleteMessageBatchRequestEntryList: 'DeleteMessageBatchRequestEntry', DeleteMessageBatchResultEntryList: 'DeleteMessageBatchResultEntry',
      SendMessageBatchRequestEntryList: 'SendMessageBatchRequestEntry', SendMessageBatchResultEntryList: 'SendMessageBatchResultEntry',
      ListMessageMoveTasksResultEntryList: 'ListMessageMoveTasksResultEntry',
    },
    maps: {
      MessageBodyAttributeMap: ['Name', 'Value'], MessageBodySystemAttributeMap: ['Name', 'Value'], MessageSystemAttributeMap: ['Name', 'Value'],
      QueueAttributeMap: ['Name', 'Value'], TagMap: ['Key', 'Value'],
    },
    members: {
      CreateQueueRequest: { Attributes: 'Attribute', tags: 'Tag' }, SetQueueAttributesRequest: { Attributes: 'Attribute' },
      GetQueueAttributesResult: { Attributes: 'Attribute' }, ListQueueTagsResult: { Tags: 'Tag' },
      Message: { Attributes: 'Attribute', MessageAttributes: 'MessageAttribute' },
      MessageAttributeValue: { StringListValues: 'StringListValue', BinaryListValues: 'BinaryListValue' },
      MessageSystemAttributeValue: { StringListValues: 'StringListValue', BinaryListValues: 'BinaryListValue' },
      SendMessageRequest: { MessageAttributes: 'MessageAttribute', MessageSystemAttributes: 'MessageSystemAttribute' },
      SendMessageBatchRequestEntry: { MessageAttributes: 'MessageAttribute', MessageSystemAttributes: 'MessageSystemAttribute' },
    },
  },
};
