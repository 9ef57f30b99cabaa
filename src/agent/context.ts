// The contract between the agent's core (registration, polling, Run Command) and its features
// (inventory, sessions). Each feature is started once per running agent with this context.

export interface AgentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AgentContext {
  /** mi-… (hybrid activation) or i-… (an emulated EC2 instance). */
  instanceId: string;
  region: string;
  /** kanri's base URL, e.g. http://127.0.0.1:4566 */
  endpoint: string;
  /** Registration and the agent's durable state (survives agent restarts). */
  stateDir: string;
  /** Where documents' commands run (their working folders go under it). */
  workDir: string;
  /** Credentials issued to this instance at registration; every call is SigV4-signed with them. */
  credentials(): AgentCredentials;
  /** A signed JSON 1.1 call to kanri as this instance, e.g. call('AmazonSSM', 'PutInventory', {...}). */
  call<T = any>(targetPrefix: string, operation: string, input: object): Promise<T>;
  log(message: string): void;
  /** Aborted when the agent stops. */
  signal: AbortSignal;
}

/** A feature runs alongside the core loop; it returns when ctx.signal aborts (or at once if it only sets timers). */
export type AgentFeature = (ctx: AgentContext) => Promise<void> | void;
