// Status changes of commands and invocations, told as AWS tells them: nothing yet (SNS and
// EventBridge come with NotificationConfig support).
import type { Platform } from '../../../core/platform';
import type { CommandRow, InvocationRow } from './store';

export function announceCommand(_platform: Platform, _command: CommandRow): void {}

export function announceInvocation(_platform: Platform, _command: CommandRow, _inv: InvocationRow): void {}
