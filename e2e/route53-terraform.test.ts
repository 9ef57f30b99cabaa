// Terraform's AWS provider (where the machine has it, from the /opt/tf-plugins mirror) makes
// hosted zones, record sets and a health check against kanri, plans again with no changes, and destroys them.
// The provider waits 10-30 s before its first GetChange poll, so each level of dependency costs that;
// the test runs only with KANRI_SLOW_TESTS=1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as R from '@aws-sdk/client-route-53';
import { sdkConfig, startTestKanri, type Kanri } from './harness';
import { haveTerraform, providerConfig, terraformIn } from './terraform-kit';

// About 3.5 minutes of the provider's own waits: run with KANRI_SLOW_TESTS=1.
const slowTestsOn = process.env.KANRI_SLOW_TESTS === '1';

let kanri: Kanri;
let dir: string;
let server: http.Server;
beforeAll(async () => {
  kanri = await startTestKanri();
  dir = mkdtempSync(join(tmpdir(), 'kanri-tf-r53-'));
  server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
});
afterAll(async () => { await kanri.stop(); rmSync(dir, { recursive: true, force: true }); server.close(); });

const config = (url: string, port: number) => `${providerConfig(url, ['ec2', 'sts', 'route53'])}
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_route53_zone" "public" {
  name    = "tf.example"
  comment = "made by terraform"
  tags    = { env = "test" }
}
resource "aws_route53_zone" "private" {
  name = "tf.internal"
  vpc { vpc_id = aws_vpc.main.id }
}
resource "aws_route53_health_check" "web" {
  ip_address        = "127.0.0.1"
  port              = ${port}
  type              = "HTTP"
  resource_path     = "/"
  failure_threshold = 3
  request_interval  = 10
  tags              = { Name = "web" }
}
resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www.tf.example"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.1"]
}
resource "aws_route53_record" "blue" {
  zone_id         = aws_route53_zone.public.zone_id
  name            = "api.tf.example"
  type            = "A"
  ttl             = 60
  records         = ["192.0.2.10"]
  set_identifier  = "blue"
  health_check_id = aws_route53_health_check.web.id
  weighted_routing_policy { weight = 70 }
}
resource "aws_route53_record" "green" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "api.tf.example"
  type           = "A"
  ttl            = 60
  records        = ["192.0.2.20"]
  set_identifier = "green"
  weighted_routing_policy { weight = 30 }
}
resource "aws_route53_record" "db" {
  zone_id = aws_route53_zone.private.zone_id
  name    = "db.tf.internal"
  type    = "CNAME"
  ttl     = 60
  records = ["primary.tf.internal"]
}
`;

describe.skipIf(!haveTerraform || !slowTestsOn)('terraform', () => {
  it('creates zones, records and a health check, plans no changes and destroys them', async () => {
    writeFileSync(join(dir, 'main.tf'), config(kanri.url, (server.address() as AddressInfo).port));
    const tf = terraformIn(dir);
    await tf(['init', '-input=false', '-no-color']);
    await tf(['apply', '-auto-approve', '-input=false', '-no-color']);
    const r53 = new R.Route53Client(sdkConfig(kanri));
    const zones = (await r53.send(new R.ListHostedZonesByNameCommand({ DNSName: 'tf.example' }))).HostedZones!;
    expect(zones[0]).toMatchObject({ Name: 'tf.example.', Config: { Comment: 'made by terraform', PrivateZone: false }, ResourceRecordSetCount: 5 });
    const plan = await tf(['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    expect(plan.stdout).toContain('No changes.');
    await tf(['destroy', '-auto-approve', '-input=false', '-no-color']);
    expect((await r53.send(new R.GetHostedZoneCountCommand({}))).HostedZoneCount).toBe(0);
    expect((await r53.send(new R.GetHealthCheckCountCommand({}))).HealthCheckCount).toBe(0);
  }, 240_000);
});
