// The agent's core: registration, credentials, heartbeat and the ec2messages poll that runs Run
// Command; features (inventory, sessions: features.ts) run beside it with an AgentContext.
// It only makes outbound HTTP calls to kanri, and survives kanri restarts: replies wait in the
// state folder until kanri takes them, and a message it started is never run again.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { hostname, networkInterfaces, platform as osPlatform, release } from 'node:os';
import { join } from 'node:path';
import { CallError, jsonCall, s3Get } from './client';
import type { AgentContext, AgentCredentials, AgentFeature } from './context';
import { execute, type Execution, type SendCommandPayload } from './runcommand';
import { AgentState, type Registration } from './state';

export const AGENT_VERSION = '3.3.0.0';

export interface RegisterOptions { code: string; id: string; region: string; endpoint: string; stateDir: string }

/** RegisterManagedInstance with an activation, as the real agent does; saves the registration. */
export async function registerAgent(o: RegisterOptions): Promise<Registration> {
  const state = new AgentState(o.stateDir);
  const existing = state.registration();
  if (existing) throw new Error(`this state folder is already registered as ${existing.instanceId}`);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fingerprint = randomUUID();
  const out = await jsonCall<{ InstanceId: string }>(o.endpoint, o.region, undefined, 'AmazonSSM', 'RegisterManagedInstance', {
    ActivationCode: o.code, ActivationId: o.id, PublicKeyType: 'Rsa', Fingerprint: fingerprint,
    PublicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  });
  const reg: Registration = { instanceId: out.InstanceId, region: o.region, endpoint: o.endpoint, fingerprint, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  state.saveRegistration(reg);
  return reg;
}

/** Role credentials of an EC2 instance, with what its metadata would tell the agent about it. */
export interface InstanceCredentials extends AgentCredentials { privateIpAddress?: string; hostname?: string }

/** An agent serving an emulated EC2 instance (ec2.ts): no registration, the instance role's credentials instead. */
export interface Ec2Serving { instanceId: string; region: string; endpoint: string; credentials: (signal: AbortSignal) => Promise<InstanceCredentials> }

export interface AgentOptions {
  stateDir: string; workDir?: string; endpoint?: string; pollMs?: number; pingMs?: number; features?: AgentFeature[];
  log?: (message: string) => void; signal?: AbortSignal; ec2?: Ec2Serving;
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

export class Agent {
  readonly state: AgentState;
  readonly reg: Registration;
  readonly endpoint: string;
  private creds: AgentCredentials | undefined;
  private credsAt = 0;
  /** An EC2 instance's private address and host name, reported instead of this machine's. */
  private identity: { ipAddress?: string; computerName?: string } = {};
  private running = new Map<string, Execution>();
  private controller = new AbortController();
  readonly context: AgentContext;

  constructor(private readonly o: AgentOptions) {
    this.state = new AgentState(o.stateDir);
    const reg = o.ec2 ? { instanceId: o.ec2.instanceId, region: o.ec2.region, endpoint: o.ec2.endpoint, fingerprint: '' } : this.state.registration();
    if (!reg) throw new Error(`no registration in ${o.stateDir}: run \`kanri agent register\` first`);
    this.reg = reg;
    this.endpoint = o.endpoint ?? reg.endpoint;
    o.signal?.addEventListener('abort', () => this.controller.abort(), { once: true });
    const self = this;
    this.context = {
      instanceId: reg.instanceId, region: reg.region, endpoint: this.endpoint, stateDir: o.stateDir, workDir: this.workDir,
      credentials: () => { if (!self.creds) throw new Error('the agent has no credentials yet'); return self.creds; },
      call: (prefix, op, input) => self.call(prefix, op, input),
      log: (m) => self.log(m),
      signal: this.controller.signal,
    };
  }

  get workDir(): string {
    return this.o.workDir ?? join(this.o.stateDir, 'work');
  }

  log(message: string): void {
    (this.o.log ?? ((m: string) => console.log(`kanri-agent ${this.reg.instanceId}: ${m}`)))(message);
  }

  stop(): void {
    this.controller.abort();
  }

  /** Fetches the instance's credentials: a refusal (unknown instance, no suitable role) throws. */
  async refreshCredentials(): Promise<void> {
    if (this.o.ec2) {
      const c = await this.o.ec2.credentials(this.controller.signal);
      this.creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
      this.identity = { ipAddress: c.privateIpAddress, computerName: c.hostname };
      this.credsAt = Date.now();
      return;
    }
    const out = await jsonCall<{ AccessKeyId: string; SecretAccessKey: string; SessionToken: string }>(this.endpoint, this.reg.region, undefined,
      'AmazonSSM', 'RequestManagedInstanceRoleToken', { Fingerprint: this.reg.fingerprint }, this.controller.signal);
    this.creds = { accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey, sessionToken: out.SessionToken };
    this.credsAt = Date.now();
  }

  /** A signed call; fresh credentials first when they are old or kanri says they expired. */
  async call<T = any>(prefix: string, op: string, input: object): Promise<T> {
    if (!this.creds || Date.now() - this.credsAt > 30 * 60_000) await this.refreshCredentials();
    try {
      return await jsonCall<T>(this.endpoint, this.reg.region, this.creds, prefix, op, input, this.controller.signal);
    } catch (err) {
      if (!(err instanceof CallError) || !/ExpiredToken|UnrecognizedClient|AccessDenied/.test(err.code)) throw err;
      await this.refreshCredentials();
      return jsonCall<T>(this.endpoint, this.reg.region, this.creds, prefix, op, input, this.controller.signal);
    }
  }

  async heartbeat(): Promise<void> {
    const ip = this.identity.ipAddress ?? Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
    await this.call('AmazonSSM', 'UpdateInstanceInformation', {
      InstanceId: this.reg.instanceId, AgentVersion: AGENT_VERSION, AgentStatus: 'Active', AgentName: 'amazon-ssm-agent',
      PlatformType: osPlatform() === 'win32' ? 'Windows' : osPlatform() === 'darwin' ? 'MacOS' : 'Linux',
      PlatformName: osPlatform(), PlatformVersion: release(), IPAddress: ip, ComputerName: this.identity.computerName ?? hostname(),
    });
  }

  /** Runs until stopped: heartbeats, polls, replies and features. */
  async run(): Promise<void> {
    const signal = this.controller.signal;
    const pollMs = this.o.pollMs ?? Number(process.env.KANRI_AGENT_POLL_MS ?? 1000);
    const pingMs = this.o.pingMs ?? Number(process.env.KANRI_AGENT_PING_MS ?? 300_000);
    const features = (this.o.features ?? []).map((f) => Promise.resolve().then(() => f(this.context)).catch((err) => this.log(`feature failed: ${(err as Error).message}`)));
    let lastPing = 0;
    let lastError = '';
    while (!signal.aborted) {
      try {
        if (Date.now() - lastPing >= pingMs) {
          await this.heartbeat();
          lastPing = Date.now();
        }
        await this.flushReplies();
        await this.poll();
        if (lastError) this.log('connected to kanri again');
        lastError = '';
      } catch (err) {
        const message = (err as Error).message;
        if (message !== lastError && !signal.aborted) this.log(`kanri unreachable or refused: ${message}`);
        lastError = message;
        if (err instanceof CallError && err.code === 'InvalidInstanceId') lastPing = 0;
      }
      await sleep(pollMs, signal);
    }
    for (const e of this.running.values()) e.cancel();
    await Promise.all(features);
  }

  private async poll(): Promise<void> {
    const out = await this.call<{ Messages?: { MessageId: string; Topic: string; Payload: string }[] }>('EC2WindowsMessageDeliveryService', 'GetMessages', {
      Destination: this.reg.instanceId, MessagesRequestId: randomUUID(), VisibilityTimeoutInSeconds: 10,
    });
    for (const m of out.Messages ?? []) {
      if (m.Topic.startsWith('aws.ssm.cancelCommand')) await this.cancel(m);
      else if (m.Topic.startsWith('aws.ssm.sendCommand')) await this.take(m);
      else await this.call('EC2WindowsMessageDeliveryService', 'FailMessage', { MessageId: m.MessageId, FailureType: 'UnsupportedTopic' });
    }
  }

  private async take(m: { MessageId: string; Payload: string }): Promise<void> {
    this.state.accept(m.MessageId);
    await this.call('EC2WindowsMessageDeliveryService', 'AcknowledgeMessage', { MessageId: m.MessageId });
    if (this.state.hasStarted(m.MessageId)) return; // re-delivered after a lost ack: it ran already
    this.state.start(m.MessageId);
    const payload = JSON.parse(m.Payload) as SendCommandPayload;
    this.log(`running command ${payload.CommandId} (${payload.DocumentName})`);
    const execution = execute(payload, this.workDir, this.tools);
    this.running.set(m.MessageId, execution);
    void execution.done.then((r) => {
      this.running.delete(m.MessageId);
      this.state.saveReply(m.MessageId, { ...r, additionalInfo: this.additionalInfo(r.runtimeStatus), documentTraceOutput: '' });
      return this.flushReplies();
    }).catch((err) => this.log(`reply for ${payload.CommandId} waits: ${(err as Error).message}`));
  }

  private async cancel(m: { MessageId: string; Payload: string }): Promise<void> {
    const target = String(JSON.parse(m.Payload).CancelMessageID ?? '');
    const running = this.running.get(target);
    await this.call('EC2WindowsMessageDeliveryService', 'AcknowledgeMessage', { MessageId: m.MessageId });
    if (running) running.cancel();
    else if (!this.state.pendingReplies().some((r) => r.messageId === target)) {
      // Nothing runs it here (it finished and was reported, or never started): say it is cancelled.
      this.state.saveReply(target, { documentStatus: 'Cancelled', runtimeStatus: {}, additionalInfo: this.additionalInfo({}), documentTraceOutput: '' });
      await this.flushReplies();
    }
  }

  private readonly tools = {
    getDocument: async (name: string, version?: string) => {
      const out = await this.call<{ Content: string }>('AmazonSSM', 'GetDocument', { Name: name, DocumentVersion: version, DocumentFormat: 'JSON' });
      return JSON.parse(out.Content);
    },
    s3Get: async (bucket: string, key: string) => {
      if (!this.creds) await this.refreshCredentials();
      return s3Get(this.endpoint, this.reg.region, this.creds!, bucket, key, this.controller.signal);
    },
  };

  private additionalInfo(runtimeStatus: Record<string, { status: string }>) {
    const counts: Record<string, number> = {};
    for (const s of Object.values(runtimeStatus)) counts[s.status] = (counts[s.status] ?? 0) + 1;
    return { agent: { lang: 'en-US', name: 'amazon-ssm-agent', os: osPlatform(), osver: release(), ver: AGENT_VERSION }, dateTime: new Date().toISOString(), runId: '', runtimeStatusCounts: counts };
  }

  private flushing: Promise<void> | undefined;

  /** Sends every reply kanri has not taken yet (they survive kanri and agent restarts). */
  flushReplies(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = (async () => {
      await Promise.resolve(); // so the finally below runs after this.flushing is set
      try {
        for (const { messageId, reply } of this.state.pendingReplies()) {
          try {
            await this.call('EC2WindowsMessageDeliveryService', 'SendReply', { MessageId: messageId, Payload: JSON.stringify(reply), ReplyId: randomUUID() });
          } catch (err) {
            // kanri refused this reply for good (the command or instance is gone): keeping it would block the rest.
            if (!(err instanceof CallError) || !['InvalidMessageId', 'ValidationException'].includes(err.code)) throw err;
            this.log(`reply for ${messageId} refused: ${err.message}`);
          }
          this.state.replySent(messageId, reply);
        }
      } finally {
        this.flushing = undefined;
      }
    })();
    this.flushing = run;
    return run;
  }
}
