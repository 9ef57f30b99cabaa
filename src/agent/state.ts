// The agent's durable state in its state folder: the registration (instance id, region, endpoint,
// fingerprint and key pair: the fingerprint is the instance's secret, so the file is 0600), the
// message ids it has accepted (so a re-delivered message never runs twice) and replies not yet sent.
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Registration {
  instanceId: string; region: string; endpoint: string; fingerprint: string; privateKey?: string;
}

export class AgentState {
  private accepted = new Set<string>();
  private started = new Set<string>();

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'replies'), { recursive: true, mode: 0o700 });
    const file = join(dir, 'messages');
    for (const line of existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []) {
      const [what, id] = line.split(' ');
      if (what === 'accepted' && id) this.accepted.add(id);
      if (what === 'started' && id) this.started.add(id);
    }
  }

  registration(): Registration | undefined {
    const file = join(this.dir, 'registration.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  }

  saveRegistration(r: Registration): void {
    writeFileSync(join(this.dir, 'registration.json'), JSON.stringify(r, null, 2), { mode: 0o600 });
  }

  hasAccepted(messageId: string): boolean {
    return this.accepted.has(messageId);
  }

  hasStarted(messageId: string): boolean {
    return this.started.has(messageId);
  }

  /** Written before the ack, so a message taken is known after a crash. */
  accept(messageId: string): void {
    if (this.accepted.has(messageId)) return;
    this.accepted.add(messageId);
    appendFileSync(join(this.dir, 'messages'), `accepted ${messageId}\n`);
  }

  /** Written before the command runs: a crash after this point never runs it again. */
  start(messageId: string): void {
    this.started.add(messageId);
    appendFileSync(join(this.dir, 'messages'), `started ${messageId}\n`);
  }

  /** A reply kept until kanri has it; a later reply for the same message replaces it. */
  saveReply(messageId: string, reply: object): void {
    writeFileSync(join(this.dir, 'replies', encodeURIComponent(messageId)), JSON.stringify(reply));
  }

  pendingReplies(): { messageId: string; reply: any }[] {
    return readdirSync(join(this.dir, 'replies')).sort().map((f) => ({ messageId: decodeURIComponent(f), reply: JSON.parse(readFileSync(join(this.dir, 'replies', f), 'utf8')) }));
  }

  replySent(messageId: string, reply: object): void {
    const file = join(this.dir, 'replies', encodeURIComponent(messageId));
    // Only drop it if no newer reply replaced it meanwhile.
    if (existsSync(file) && readFileSync(file, 'utf8') === JSON.stringify(reply)) rmSync(file);
  }
}
