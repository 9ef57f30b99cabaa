// Features started beside the agent's core, each with the AgentContext (context.ts). One line each.
import type { AgentFeature } from './context';
import { inventoryFeature } from './inventory';
import { sessionFeature } from './session';

export const AGENT_FEATURES: AgentFeature[] = [inventoryFeature, sessionFeature];
