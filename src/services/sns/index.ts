// SNS: standard and FIFO topics, subscriptions with filter policies, and real delivery to SQS,
// HTTP(S), Lambda and local mailbox folders. Other services publish through api.ts.
import type { ServicePlugin } from '../types';
import { SNS_MIGRATIONS } from './store';
import { kickDeliveries } from './delivery/worker';
import { scheduleExpiry } from './expiry';
import { createTopic, deleteTopic, getDataProtectionPolicy, getTopicAttributes, listTopics, putDataProtectionPolicy, setTopicAttributes } from './ops/topics';
import { addPermission, listTagsForResource, removePermission, tagResource, untagResource } from './ops/tags';
import {
  confirmSubscription, getSubscriptionAttributes, listSubscriptions, listSubscriptionsByTopic, setSubscriptionAttributes, subscribe, unsubscribe,
} from './ops/subscriptions';
import { publish, publishBatch } from './ops/publish';
import { checkIfPhoneNumberIsOptedOut, getSMSAttributes, getSMSSandboxAccountStatus, listPhoneNumbersOptedOut, optInPhoneNumber, setSMSAttributes } from './ops/sms';

const sns: ServicePlugin = {
  name: 'sns',
  migrations: SNS_MIGRATIONS,
  init: (platform) => {
    kickDeliveries(platform); // deliveries queued before a restart go out now
    scheduleExpiry(platform);
  },
  dataEvents: new Set(['Publish', 'PublishBatch']),
  handlers: {
    CreateTopic: createTopic,
    DeleteTopic: deleteTopic,
    ListTopics: listTopics,
    GetTopicAttributes: getTopicAttributes,
    SetTopicAttributes: setTopicAttributes,
    GetDataProtectionPolicy: getDataProtectionPolicy,
    PutDataProtectionPolicy: putDataProtectionPolicy,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    Subscribe: subscribe,
    ConfirmSubscription: confirmSubscription,
    Unsubscribe: unsubscribe,
    ListSubscriptions: listSubscriptions,
    ListSubscriptionsByTopic: listSubscriptionsByTopic,
    GetSubscriptionAttributes: getSubscriptionAttributes,
    SetSubscriptionAttributes: setSubscriptionAttributes,
    Publish: publish,
    PublishBatch: publishBatch,
    SetSMSAttributes: setSMSAttributes,
    GetSMSAttributes: getSMSAttributes,
    CheckIfPhoneNumberIsOptedOut: checkIfPhoneNumberIsOptedOut,
    OptInPhoneNumber: optInPhoneNumber,
    ListPhoneNumbersOptedOut: listPhoneNumbersOptedOut,
    GetSMSSandboxAccountStatus: getSMSSandboxAccountStatus,
  },
};

export default sns;
