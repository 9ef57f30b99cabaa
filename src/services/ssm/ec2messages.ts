// The ec2messages service (target EC2WindowsMessageDeliveryService) the SSM Agent polls for Run
// Command. Its model is hand-authored (wire/ec2messages.json); its state is SSM's.
import type { ServicePlugin } from '../types';
import { acknowledgeMessage, deleteMessage, failMessage, getEndpoint, getMessages, sendReply } from './commands/messages';

const ec2messages: ServicePlugin = {
  name: 'ec2messages',
  init: (platform) => void platform.service('ssm'), // SSM's tables and timers
  handlers: {
    GetEndpoint: getEndpoint,
    GetMessages: getMessages,
    AcknowledgeMessage: acknowledgeMessage,
    SendReply: sendReply,
    FailMessage: failMessage,
    DeleteMessage: deleteMessage,
  },
  // Polls and acks are the agent's plumbing, not management events a trail shows.
  dataEvents: new Set(['GetMessages', 'AcknowledgeMessage', 'SendReply', 'FailMessage', 'DeleteMessage', 'GetEndpoint']),
};

export default ec2messages;
