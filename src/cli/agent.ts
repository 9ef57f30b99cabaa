// `kanri agent ...`: register this machine through an activation and run the SSM agent, or serve
// an emulated EC2 instance (--instance-id); the agent polls kanri outbound and RUNS THE COMMANDS it
// is sent on this machine, as its user.
import type { Command } from 'commander';
import { join, resolve } from 'node:path';

const env = process.env;
const DEFAULT_ENDPOINT = `http://${env.KANRI_HOST ?? '127.0.0.1'}:${env.KANRI_PORT ?? 4566}`;
const DEFAULT_STATE = env.KANRI_AGENT_STATE_DIR ?? '.kanri-agent';

interface RunOptions { stateDir: string; endpoint?: string; workDir?: string; instanceId?: string; region?: string }

async function runAgent(opts: RunOptions): Promise<void> {
  const { Agent } = await import('../agent/core');
  const { AGENT_FEATURES } = await import('../agent/features');
  const ec2 = opts.instanceId ? await import('../agent/ec2') : undefined;
  const region = ec2?.instanceRegion(opts.region);
  const serving = ec2 && ec2.servingOverHttp(opts.instanceId!, region!, opts.endpoint ?? DEFAULT_ENDPOINT, ec2.callerCredentials());
  const agent = new Agent({ stateDir: resolve(opts.stateDir), endpoint: opts.endpoint, workDir: opts.workDir && resolve(opts.workDir), features: AGENT_FEATURES, ec2: serving });
  if (serving) {
    const { CallError } = await import('../agent/client');
    try {
      await agent.refreshCredentials();
    } catch (err) {
      if (err instanceof CallError) throw err; // kanri refused the instance (unknown, not running, no suitable role): say so and exit
      agent.log(`kanri unreachable (${(err as Error).message}): trying again`);
    }
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => agent.stop());
  agent.log(`running against ${agent.endpoint} in ${agent.reg.region} (commands run in ${agent.workDir})`);
  await agent.run();
}

export function agentCommand(program: Command): void {
  program.enablePositionalOptions(); // `agent` and `agent register` share option names
  const agent = program
    .command('agent')
    .enablePositionalOptions()
    .description('run the SSM agent: this machine becomes a managed instance and runs the commands it is sent')
    .option('-s, --state-dir <dir>', 'registration and agent state (also KANRI_AGENT_STATE_DIR)', DEFAULT_STATE)
    .option('-e, --endpoint <url>', 'kanri endpoint (default: the one registered with)')
    .option('-w, --work-dir <dir>', 'where commands run (default: <state-dir>/work)')
    .option('-i, --instance-id <id>', 'serve this emulated EC2 instance (running, with an instance profile whose role allows Systems Manager), signed with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY')
    .option('--region <region>', 'the instance\'s region (default AWS_REGION or us-east-1)')
    .action(async (opts: RunOptions, cmd: Command) => {
      // An instance's agent keeps its state apart from a registered machine's: <state-dir>/<instance id>.
      if (opts.instanceId && cmd.getOptionValueSource('stateDir') === 'default') opts.stateDir = join(opts.stateDir, opts.instanceId);
      await runAgent(opts);
    });
  agent
    .command('register')
    .description('register this machine through a hybrid activation (CreateActivation), then run the agent')
    .requiredOption('--code <code>', 'activation code')
    .requiredOption('--id <id>', 'activation id')
    .requiredOption('--region <region>', 'region of the activation')
    .option('-e, --endpoint <url>', 'kanri endpoint', DEFAULT_ENDPOINT)
    .option('-s, --state-dir <dir>', 'registration and agent state (also KANRI_AGENT_STATE_DIR)', DEFAULT_STATE)
    .option('-w, --work-dir <dir>', 'where commands run (default: <state-dir>/work)')
    .option('--no-run', 'only register')
    .action(async (opts: { code: string; id: string; region: string; endpoint: string; stateDir: string; workDir?: string; run: boolean }) => {
      const { registerAgent } = await import('../agent/core');
      const reg = await registerAgent({ code: opts.code, id: opts.id, region: opts.region, endpoint: opts.endpoint, stateDir: resolve(opts.stateDir) });
      console.log(`registered as ${reg.instanceId}`);
      if (opts.run) await runAgent(opts);
    });
}
