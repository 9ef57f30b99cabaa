// Serving an emulated EC2 instance (`kanri agent --instance-id i-...`). On AWS the agent on an
// instance reads its instance profile role's credentials from the instance metadata service; kanri
// has none, so the agent asks kanri's AmazonSSM.RequestInstanceRoleCredentials for them, signed with
// the person's own credentials (the account the instance is in). kanri refuses an instance that does
// not exist, is not running, or whose instance profile's role does not allow Systems Manager.
import { jsonCall } from './client';
import type { AgentCredentials } from './context';
import type { Ec2Serving, InstanceCredentials } from './core';

interface Issued { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; PrivateIpAddress?: string; Hostname?: string }

export function asInstanceCredentials(out: Issued): InstanceCredentials {
  return { accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey, sessionToken: out.SessionToken, privateIpAddress: out.PrivateIpAddress, hostname: out.Hostname };
}

/** The caller's credentials from the environment, as the AWS CLI reads them (any key works against kanri's default account). */
export function callerCredentials(env: NodeJS.ProcessEnv = process.env): AgentCredentials {
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID || 'test', secretAccessKey: env.AWS_SECRET_ACCESS_KEY || 'test',
    sessionToken: env.AWS_SESSION_TOKEN || undefined,
  };
}

/** The region an instance is looked up in: --region, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1. */
export function instanceRegion(region: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

export function servingOverHttp(instanceId: string, region: string, endpoint: string, caller: AgentCredentials): Ec2Serving {
  return {
    instanceId, region, endpoint,
    credentials: async (signal) => asInstanceCredentials(await jsonCall<Issued>(endpoint, region, caller, 'AmazonSSM', 'RequestInstanceRoleCredentials', { InstanceId: instanceId }, signal)),
  };
}
