// EventBridge: event buses (the default one in every account and Region), rules with event
// patterns or schedules, targets with input transformation, PutEvents with durable delivery to
// SQS, SNS, other buses and Lambda. Other services put events through api.ts.
import type { Platform } from '../../core/platform';
import type { ServicePlugin } from '../types';
import { kickDeliveries } from './delivery';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses, putPermission, removePermission, updateEventBus } from './ops/buses';
import { putEvents, testEventPattern } from './ops/put-events';
import { deleteRule, describeRule, disableRule, enableRule, listRuleNamesByTarget, listRules, putRule } from './ops/rules';
import { listTagsForResource, tagResource, untagResource } from './ops/tags';
import { listTargetsByRule, putTargets, removeTargets } from './ops/targets';
import { restoreSchedules } from './schedule';
import { EVENTS_MIGRATIONS } from './store';

const events: ServicePlugin = {
  name: 'events',
  migrations: EVENTS_MIGRATIONS,
  init(platform: Platform) {
    restoreSchedules(platform);
    kickDeliveries(platform); // what was queued before a restart goes out now
  },
  handlers: {
    CreateEventBus: createEventBus,
    DescribeEventBus: describeEventBus,
    UpdateEventBus: updateEventBus,
    DeleteEventBus: deleteEventBus,
    ListEventBuses: listEventBuses,
    PutPermission: putPermission,
    RemovePermission: removePermission,
    PutRule: putRule,
    DescribeRule: describeRule,
    ListRules: listRules,
    DeleteRule: deleteRule,
    EnableRule: enableRule,
    DisableRule: disableRule,
    ListRuleNamesByTarget: listRuleNamesByTarget,
    PutTargets: putTargets,
    RemoveTargets: removeTargets,
    ListTargetsByRule: listTargetsByRule,
    PutEvents: putEvents,
    TestEventPattern: testEventPattern,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
  },
};

export default events;
