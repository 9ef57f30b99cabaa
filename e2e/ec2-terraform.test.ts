// Terraform's AWS provider (where the machine has it, from the /opt/tf-plugins mirror) creates a
// network against kanri, plans again with no changes, and destroys it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as E from '@aws-sdk/client-ec2';
import { sdkConfig, startTestKanri, type Kanri } from './harness';
import { haveTerraform, providerConfig, terraformIn } from './terraform-kit';

let kanri: Kanri;
let dir: string;
beforeAll(async () => { kanri = await startTestKanri(); dir = mkdtempSync(join(tmpdir(), 'kanri-tf-ec2-')); });
afterAll(async () => { await kanri.stop(); rmSync(dir, { recursive: true, force: true }); });

const config = (url: string) => `${providerConfig(url, ['ec2', 'sts'])}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags = { Name = "tf-vpc" }
}
resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = true
}
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.main.id }
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;

describe.skipIf(!haveTerraform)('terraform', () => {
  it('creates a network, plans no changes and destroys it', async () => {
    writeFileSync(join(dir, 'main.tf'), config(kanri.url));
    const tf = terraformIn(dir);
    await tf(['init', '-input=false', '-no-color']);
    await tf(['apply', '-auto-approve', '-input=false', '-no-color']);
    const ec2 = new E.EC2Client(sdkConfig(kanri));
    const { Vpcs } = await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['tf-vpc'] }] }));
    expect(Vpcs).toHaveLength(1);
    const plan = await tf(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    expect(plan.stdout).toContain('No changes.');
    await tf(['destroy', '-auto-approve', '-input=false', '-no-color']);
    expect((await ec2.send(new E.DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['tf-vpc'] }] }))).Vpcs).toEqual([]);
  }, 240_000);
});
