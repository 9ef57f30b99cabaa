// Features started beside the agent's core, each with the AgentContext (context.ts). One line each.
import type { AgentFeature } from './context';
import { inventoryFeature } from './inventory';

export const AGENT_FEATURES: AgentFeature[] = [inventoryFeature];
