// What the Terraform suites share: whether this machine has Terraform and the AWS provider (from the
// /opt/tf-plugins mirror, never downloaded), a provider block pointed at kanri, and a terraform
// runner for a working folder that installs the provider from the mirror.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './harness';

const MIRROR = '/opt/tf-plugins';

export const haveTerraform = existsSync(join(MIRROR, 'registry.terraform.io/hashicorp/aws')) && ['/usr/local/bin/terraform', '/usr/bin/terraform'].some(existsSync);

/** The terraform and provider blocks, with these services' endpoints at kanri's URL. */
export function providerConfig(url: string, services: string[]): string {
  const width = Math.max(...services.map((s) => s.length));
  return `
terraform {
  required_providers { aws = { source = "hashicorp/aws" } }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAIOSFODNN7EXAMPLE"
  secret_key                  = "x"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
${services.map((s) => `    ${s.padEnd(width)} = "${url}"`).join('\n')}
  }
}`;
}

/** Writes the CLI config that takes the provider from the mirror, and returns a runner for `dir`. */
export function terraformIn(dir: string): (args: string[]) => Promise<{ stdout: string; stderr: string }> {
  writeFileSync(join(dir, 'terraformrc'), `provider_installation {
  filesystem_mirror {
    path    = "${MIRROR}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct { exclude = ["registry.terraform.io/hashicorp/aws"] }
}\n`);
  return (args) => run('terraform', args, { cwd: dir, env: { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'terraformrc'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
}
