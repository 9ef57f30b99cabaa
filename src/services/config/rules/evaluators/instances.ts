// EC2 instance rules: public IPs, SSM management, VPC placement, approved types and AMIs, IMDSv2,
// monitoring, stopped instances, profiles, ENIs, key pairs, virtualization.
import { compliant, csv, field, intParam, list, nonCompliant, notApplicable, path } from '../fields';
import type { ConfigurationItem, Evaluation, ManagedRule, RuleContext } from '../types';
import { RuleEvaluationError } from '../types';

const INSTANCE = 'AWS::EC2::Instance';
const stateOf = (item: ConfigurationItem): string => String(path(item.configuration, 'state.name') ?? '');
const gone = (item: ConfigurationItem) => ['terminated', 'shutting-down'].includes(stateOf(item));

/** An instance rule that does not judge terminated instances. */
function instanceRule(identifier: string, judge: (item: ConfigurationItem, ctx: RuleContext) => Evaluation[]): ManagedRule {
  return {
    identifier,
    resourceTypes: [INSTANCE],
    evaluateItem: (item, ctx) => (item.resourceType !== INSTANCE ? [] : gone(item) ? notApplicable(item) : judge(item, ctx)),
  };
}

const noPublicIp = instanceRule('EC2_INSTANCE_NO_PUBLIC_IP', (item) => {
  const ip = field(item.configuration, 'publicIpAddress') ?? list(field(item.configuration, 'networkInterfaces')).map((n) => path(n, 'association.publicIp')).find(Boolean);
  return ip ? nonCompliant(item, `The instance has the public IP address ${ip}.`) : compliant(item);
});

// AWS Config records AWS::SSM::ManagedInstanceInventory for instances the SSM agent manages.
const managedBySsm: ManagedRule = {
  identifier: 'EC2_INSTANCE_MANAGED_BY_SSM',
  resourceTypes: [INSTANCE, 'AWS::SSM::ManagedInstanceInventory'],
  evaluateItem(item, ctx) {
    const instance = item.resourceType === INSTANCE ? item : ctx.items.get(INSTANCE, item.resourceId);
    if (!instance) return [];
    if (gone(instance)) return notApplicable(instance);
    const inventory = ctx.items.get('AWS::SSM::ManagedInstanceInventory', instance.resourceId);
    return inventory && inventory.configuration
      ? compliant(instance)
      : nonCompliant(instance, 'The instance is not managed by AWS Systems Manager (no managed instance inventory).');
  },
};

const instancesInVpc = instanceRule('INSTANCES_IN_VPC', (item, ctx) => {
  const vpcId = field(item.configuration, 'vpcId');
  if (!vpcId) return nonCompliant(item, 'The instance is not in a VPC.');
  const wanted = ctx.parameters.vpcId;
  if (wanted && wanted !== vpcId) return nonCompliant(item, `The instance is in ${vpcId}, not in ${wanted}.`);
  return compliant(item);
});

const desiredInstanceType = instanceRule('DESIRED_INSTANCE_TYPE', (item, ctx) => {
  const type = field(item.configuration, 'instanceType');
  const allowed = csv(ctx.parameters.instanceType);
  return allowed.includes(type) ? compliant(item) : nonCompliant(item, `The instance type ${type} is not one of ${allowed.join(', ')}.`);
});

const approvedAmisById = instanceRule('APPROVED_AMIS_BY_ID', (item, ctx) => {
  const ami = field(item.configuration, 'imageId');
  const allowed = csv(ctx.parameters.amiIds);
  return allowed.includes(ami) ? compliant(item) : nonCompliant(item, `The instance was launched from ${ami}, which is not an approved AMI.`);
});

const imdsv2 = instanceRule('EC2_IMDSV2_CHECK', (item) => {
  const tokens = path(item.configuration, 'metadataOptions.httpTokens');
  if (path(item.configuration, 'metadataOptions.httpEndpoint') === 'disabled') return compliant(item);
  return tokens === 'required' ? compliant(item) : nonCompliant(item, 'The instance metadata service does not require IMDSv2 tokens (HttpTokens is not required).');
});

const detailedMonitoring = instanceRule('EC2_INSTANCE_DETAILED_MONITORING_ENABLED', (item) =>
  path(item.configuration, 'monitoring.state') === 'enabled' ? compliant(item) : nonCompliant(item, 'Detailed monitoring is not enabled for the instance.'));

const profileAttached = instanceRule('EC2_INSTANCE_PROFILE_ATTACHED', (item, ctx) => {
  const arn = path(item.configuration, 'iamInstanceProfile.arn');
  if (!arn) return nonCompliant(item, 'No IAM instance profile is attached to the instance.');
  const allowed = csv(ctx.parameters.IamInstanceProfileArnList);
  if (allowed.length && !allowed.includes(arn)) return nonCompliant(item, `The instance profile ${arn} is not in IamInstanceProfileArnList.`);
  return compliant(item);
});

const multipleEni = instanceRule('EC2_INSTANCE_MULTIPLE_ENI_CHECK', (item, ctx) => {
  const enis = list(field(item.configuration, 'networkInterfaces')).map((n) => String(field(n, 'networkInterfaceId')));
  if (enis.length <= 1) return compliant(item);
  const allowed = csv(ctx.parameters.NetworkInterfaceIds);
  if (allowed.length && enis.every((id) => allowed.includes(id))) return compliant(item);
  return nonCompliant(item, `The instance has ${enis.length} network interfaces.`);
});

const tokenHopLimit = instanceRule('EC2_TOKEN_HOP_LIMIT_CHECK', (item, ctx) => {
  const limit = intParam(ctx.parameters, 'tokenHopLimit') ?? 1;
  const hops = Number(path(item.configuration, 'metadataOptions.httpPutResponseHopLimit') ?? 1);
  return hops > limit ? nonCompliant(item, `The metadata token hop limit is ${hops}, more than ${limit}.`) : compliant(item);
});

const noAmazonKeyPair = instanceRule('EC2_NO_AMAZON_KEY_PAIR', (item) => {
  const key = field(item.configuration, 'keyName');
  return key ? nonCompliant(item, `The instance was launched with the key pair ${key}.`) : compliant(item);
});

const paravirtual = instanceRule('EC2_PARAVIRTUAL_INSTANCE_CHECK', (item) =>
  field(item.configuration, 'virtualizationType') === 'paravirtual' ? nonCompliant(item, 'The instance uses paravirtual virtualization.') : compliant(item));

/** When the instance stopped: the date in "User initiated (2024-01-02 03:04:05 GMT)", else the item's time. */
function stoppedAt(item: ConfigurationItem): Date | undefined {
  const reason = String(field(item.configuration, 'stateTransitionReason') ?? '');
  const m = /\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) GMT\)/.exec(reason);
  const when = m ? new Date(`${m[1].replace(' ', 'T')}Z`) : item.configurationItemCaptureTime ? new Date(item.configurationItemCaptureTime) : undefined;
  return when && !Number.isNaN(when.getTime()) ? when : undefined;
}

const stoppedInstance: ManagedRule = {
  identifier: 'EC2_STOPPED_INSTANCE',
  resourceTypes: [INSTANCE],
  evaluatePeriodic(ctx) {
    const days = intParam(ctx.parameters, 'AllowedDays') ?? 30;
    const out: Evaluation[] = [];
    for (const item of ctx.items.byType(INSTANCE)) {
      if (!item.configuration || stateOf(item) !== 'stopped') {
        if (item.configuration && !gone(item)) out.push(...compliant(item));
        continue;
      }
      const since = stoppedAt(item);
      if (!since) throw new RuleEvaluationError(`The time instance ${item.resourceId} stopped is not known.`, 'InsufficientData');
      const stoppedDays = (ctx.now.getTime() - since.getTime()) / 86_400_000;
      out.push(...(stoppedDays > days ? nonCompliant(item, `The instance has been stopped for more than ${days} days.`) : compliant(item)));
    }
    return out;
  },
};

export const INSTANCE_RULES: ManagedRule[] = [
  noPublicIp, managedBySsm, instancesInVpc, desiredInstanceType, approvedAmisById, imdsv2, detailedMonitoring,
  profileAttached, multipleEni, tokenHopLimit, noAmazonKeyPair, paravirtual, stoppedInstance,
];
