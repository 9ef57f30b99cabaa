// ARNs for what Config records when the service that emitted the change did not give one, and for
// Config's own resources.
import { arn } from '../../core/arn';

const EC2_ARN_NAMES: Record<string, string> = {
  VPC: 'vpc', EIP: 'elastic-ip', VPCPeeringConnection: 'vpc-peering-connection', NatGateway: 'natgateway',
};

export function resourceArn(type: string, region: string, accountId: string, id: string): string | undefined {
  const [, service, name] = type.split('::');
  if (!service || !name) return undefined;
  const svc = service.toLowerCase();
  const kind = EC2_ARN_NAMES[name] ?? name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return arn(svc, region === 'global' ? '' : region, accountId, `${kind}/${id}`);
}

export function recorderArn(region: string, accountId: string, name: string, suffix: string): string {
  return arn('config', region, accountId, `configuration-recorder/${name}/${suffix}`);
}
