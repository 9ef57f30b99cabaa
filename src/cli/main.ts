// kanri start | status | reset | config-rules | agent
import { Command } from 'commander';
import { resolve } from 'node:path';
import { agentCommand } from './agent';

const program = new Command();
program.name('kanri').description('A local AWS operations cloud on one port').version('0.1.0');

const env = process.env;
const defaultPort = Number(env.KANRI_PORT ?? 4566);
const defaultHost = env.KANRI_HOST ?? '127.0.0.1';

program
  .command('start')
  .description('run kanri in the foreground')
  .option('-p, --port <port>', 'port to listen on', String(defaultPort))
  .option('-H, --host <host>', 'address to bind (127.0.0.1 unless told otherwise)', defaultHost)
  .option('-d, --data-dir <dir>', 'where state is kept (SQLite)', env.KANRI_DATA_DIR ?? '.kanri')
  .option('--in-memory', 'keep nothing on disk')
  .option('--run-lambdas', 'let Lambda run function code from requests as local processes (also KANRI_RUN_LAMBDAS=1)', env.KANRI_RUN_LAMBDAS === '1')
  .option('--dns-port <port>', 'port of the DNS server, UDP and TCP (also KANRI_DNS_PORT)', env.KANRI_DNS_PORT ?? '5353')
  .option('--dns-clients <file>', 'JSON file mapping client CIDRs to regions, places and VPCs for DNS routing (also KANRI_DNS_CLIENTS)', env.KANRI_DNS_CLIENTS)
  .option('--dns-workers <n>', 'processes that answer DNS over UDP besides the main one, 0 for none (also KANRI_DNS_WORKERS)', env.KANRI_DNS_WORKERS ?? '1')
  .option('--allow-health-check-targets <cidrs>', 'networks Route 53 health checks may probe besides loopback and this machine, comma-separated (also KANRI_ALLOW_HEALTH_CHECK_TARGETS)')
  .option('--instance-agents', 'run a built-in SSM agent for each running EC2 instance whose role allows Systems Manager: SendCommand then runs shell commands on this machine as this user (also KANRI_INSTANCE_AGENTS=1)', env.KANRI_INSTANCE_AGENTS === '1')
  .action(async (opts: { port: string; host: string; dataDir: string; inMemory?: boolean; runLambdas?: boolean; dnsPort: string; dnsClients?: string; dnsWorkers: string; allowHealthCheckTargets?: string; instanceAgents?: boolean }) => {
    const { startKanri } = await import('../server/index');
    const started = Date.now();
    const kanri = await startKanri({ port: Number(opts.port), host: opts.host, dataDir: opts.inMemory ? null : resolve(opts.dataDir), runLambdas: opts.runLambdas === true,
      dnsPort: Number(opts.dnsPort), dnsClients: opts.dnsClients, dnsWorkers: Number(opts.dnsWorkers), allowHealthCheckTargets: opts.allowHealthCheckTargets?.split(',').map((c) => c.trim()).filter(Boolean),
      instanceAgents: opts.instanceAgents === true });
    const stop = (signal: string) => {
      console.log(`kanri stopping (${signal})`);
      void kanri.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    const where = opts.inMemory ? 'in memory' : resolve(opts.dataDir);
    const { dnsStatus } = await import('../dns/start');
    const dns = dnsStatus(kanri.platform);
    if (dns && 'port' in dns) console.log(`kanri DNS on ${dns.host} port ${dns.port} (UDP and TCP)`);
    if (opts.instanceAgents) console.log('kanri: --instance-agents is on: commands sent with SendCommand to EC2 instances run as shell commands on this machine, as this user');
    console.log(`kanri listening on ${kanri.url} (state ${where}, ready in ${Date.now() - started} ms)`);
  });

function endpoint(opts: { endpoint?: string }): string {
  return opts.endpoint ?? `http://${defaultHost}:${defaultPort}`;
}

program
  .command('status')
  .description('ask a running kanri for its health')
  .option('-e, --endpoint <url>', 'kanri endpoint')
  .action(async (opts: { endpoint?: string }) => {
    try {
      const res = await fetch(`${endpoint(opts)}/_kanri/health`);
      console.log(JSON.stringify(await res.json(), null, 2));
    } catch {
      console.error(`kanri is not running at ${endpoint(opts)}`);
      process.exitCode = 1;
    }
  });

program
  .command('reset')
  .description('clear all state of a running kanri, or one service\'s')
  .argument('[service]', 'only this service')
  .option('-e, --endpoint <url>', 'kanri endpoint')
  .action(async (service: string | undefined, opts: { endpoint?: string }) => {
    try {
      const res = await fetch(`${endpoint(opts)}/_kanri/reset`, { method: 'POST', body: JSON.stringify(service ? { service } : {}) });
      console.log(JSON.stringify(await res.json()));
      if (!res.ok) process.exitCode = 1;
    } catch {
      console.error(`kanri is not running at ${endpoint(opts)}`);
      process.exitCode = 1;
    }
  });

program
  .command('config-rules')
  .description('list AWS Config managed rules from the catalogue, and whether kanri evaluates them')
  .option('--implemented', 'only the rules kanri really evaluates')
  .option('--json', 'one JSON object per rule')
  .action(async (opts: { implemented?: boolean; json?: boolean }) => {
    const { catalogue } = await import('../services/config/rules/catalogue');
    const rules = catalogue().filter((r) => !opts.implemented || r.implemented);
    for (const r of rules) {
      if (opts.json) console.log(JSON.stringify({ identifier: r.identifier, implemented: r.implemented, triggerTypes: r.triggerTypes, resourceTypes: r.resourceTypes }));
      else console.log(`${r.implemented ? 'evaluates ' : 'catalogue '} ${r.identifier}`);
    }
    if (!opts.json) console.log(`${rules.filter((r) => r.implemented).length} of ${catalogue().length} managed rules evaluate in kanri`);
  });

agentCommand(program);

program
  .command('ssm')
  .description('Systems Manager clients')
  .command('start-session')
  .description('open a Session Manager session: a terminal, or a forwarded port (AWS-StartPortForwardingSession)')
  .requiredOption('--target <id>', 'the managed instance (mi-... or i-...)')
  .option('--document-name <name>', 'the session document', 'SSM-SessionManagerRunShell')
  .option('--parameters <k=v,...>', 'the document\'s parameters, e.g. portNumber=80,localPortNumber=8080')
  .option('--reason <text>', 'why the session is started')
  .option('--endpoint <url>', 'kanri\'s URL (default http://127.0.0.1:4566)')
  .option('--region <region>', 'the Region (default AWS_REGION or us-east-1)')
  .action(async (opts) => {
    const { startSessionCommand } = await import('./ssm-session');
    process.exitCode = await startSessionCommand(opts);
    process.exit();
  });

program.parseAsync().catch((err) => {
  console.error(`kanri: ${(err as Error).message}`);
  process.exit(1);
});
