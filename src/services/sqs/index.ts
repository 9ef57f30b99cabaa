// SQS: standard and FIFO queues whose messages are SQLite rows, with visibility timeouts, delays
// and long polling on the platform clock, dead-letter queues and message move tasks.
// Other services deliver through api.ts (sendToQueue, findQueueByArn).
import type { Platform } from '../../core/platform';
import type { ServicePlugin } from '../types';
import { SQS_MIGRATIONS } from './store';
import { wakeAll } from './waiters';
import { createQueue, deleteQueue, getQueueAttributes, getQueueUrl, listQueues, purgeQueue, setQueueAttributes } from './ops/queues';
import { listQueueTags, tagQueue, untagQueue } from './ops/tags';
import { changeMessageVisibility, deleteMessage, receiveMessage, sendMessageOp } from './ops/messages';
import { changeMessageVisibilityBatch, deleteMessageBatch, sendMessageBatch } from './ops/batch';
import { addPermission, removePermission } from './ops/permissions';
import { cancelMessageMoveTask, listDeadLetterSourceQueues, listMessageMoveTasks, startMessageMoveTask } from './ops/redrive';
import { restoreMoveTasks } from './moves';

const clocksWatched = new WeakSet<object>();

const sqs: ServicePlugin = {
  name: 'sqs',
  migrations: SQS_MIGRATIONS,
  ownEnumShapes: new Set(['QueueAttributeName']),
  readOnlyOperations: ['ReceiveMessage'],
  init(platform: Platform) {
    // Moving the clock may make delayed or in-flight messages visible: waiting receives look again.
    if (!clocksWatched.has(platform.clock)) {
      clocksWatched.add(platform.clock);
      platform.clock.on('advanced', wakeAll);
    }
    restoreMoveTasks(platform);
  },
  dataEvents: new Set(['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch']),
  handlers: {
    CreateQueue: createQueue,
    GetQueueUrl: getQueueUrl,
    ListQueues: listQueues,
    DeleteQueue: deleteQueue,
    GetQueueAttributes: getQueueAttributes,
    SetQueueAttributes: setQueueAttributes,
    PurgeQueue: purgeQueue,
    TagQueue: tagQueue,
    UntagQueue: untagQueue,
    ListQueueTags: listQueueTags,
    SendMessage: sendMessageOp,
    ReceiveMessage: receiveMessage,
    DeleteMessage: deleteMessage,
    ChangeMessageVisibility: changeMessageVisibility,
    SendMessageBatch: sendMessageBatch,
    DeleteMessageBatch: deleteMessageBatch,
    ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
    StartMessageMoveTask: startMessageMoveTask,
    ListMessageMoveTasks: listMessageMoveTasks,
    CancelMessageMoveTask: cancelMessageMoveTask,
  },
};

export default sqs;
