// AWS Config: the recorder (outbox changes -> configuration items), querying, delivery channels
// with the configuration stream, history files and snapshots, and SelectResourceConfig (select/).
import type { ServicePlugin } from '../types';
import { CONFIG_MIGRATIONS } from './store';
import { applyEvent, SUBSCRIBER } from './recorder';
import { armAll } from './delivery';
import { armDaily } from './daily';
import {
  associateResourceTypes, deleteConfigurationRecorder, deleteServiceLinkedConfigurationRecorder, describeConfigurationRecorders,
  describeConfigurationRecorderStatus, disassociateResourceTypes, listConfigurationRecorders, putConfigurationRecorder,
  putServiceLinkedConfigurationRecorder, startConfigurationRecorder, stopConfigurationRecorder,
} from './ops/recorders';
import { deleteDeliveryChannel, deliverConfigSnapshot, describeDeliveryChannels, describeDeliveryChannelStatus, putDeliveryChannel } from './ops/channels';
import { batchGetResourceConfig, getDiscoveredResourceCounts, getResourceConfigHistory, listDiscoveredResources } from './ops/resources';
import { deleteResourceConfig, putResourceConfig } from './ops/custom';
import { listTagsForResource, tagResource, untagResource } from './ops/tags';
import { selectResourceConfig } from './ops/select';
import { addItemListener } from './listeners';
import { registerTaggable } from './taggable';
import { EVALUATION_MIGRATIONS, findRuleByArn } from './evaluation/store';
import { CUSTOM_MIGRATIONS } from './evaluation/store-custom';
import { putEvaluations } from './evaluation/evaluations-ops';
import {
  deleteRemediationConfiguration, deleteRemediationExceptions, describeRemediationConfigurations, describeRemediationExceptions,
  describeRemediationExecutionStatus, putRemediationConfigurations, putRemediationExceptions, startRemediationExecution,
} from './evaluation/remediation-ops';
import { onItem, schedulePeriodic } from './evaluation/engine';
import {
  deleteConfigRule, deleteEvaluationResults, describeConfigRuleEvaluationStatus, describeConfigRules, putConfigRule, startConfigRulesEvaluation,
} from './evaluation/rules-ops';
import {
  describeComplianceByConfigRule, describeComplianceByResource, getComplianceDetailsByConfigRule, getComplianceDetailsByResource,
  getComplianceSummaryByConfigRule, getComplianceSummaryByResourceType,
} from './evaluation/compliance-ops';
import { PACK_HANDLERS, PACK_MIGRATIONS } from './packs';
import { AGGREGATOR_HANDLERS, AGGREGATOR_MIGRATIONS } from './aggregators';

// Rules are tagged through Config's TagResource like recorders.
registerTaggable((platform, accountId, region, arn) => !!findRuleByArn(platform.storage, { accountId, region }, arn));

const config: ServicePlugin = {
  name: 'config',
  migrations: [...CONFIG_MIGRATIONS, ...EVALUATION_MIGRATIONS, ...CUSTOM_MIGRATIONS, ...PACK_MIGRATIONS, ...AGGREGATOR_MIGRATIONS],
  // Third-party types (PutResourceConfig) are read back through ResourceType members: see resource-types.ts.
  ownEnumShapes: new Set(['ResourceType']),
  init(platform) {
    platform.outbox.subscribe(SUBSCRIBER, (event) => applyEvent(platform, event));
    armAll(platform);
    armDaily(platform);
    addItemListener(onItem);
    schedulePeriodic(platform);
  },
  handlers: {
    ...PACK_HANDLERS,
    ...AGGREGATOR_HANDLERS,
    PutConfigurationRecorder: putConfigurationRecorder,
    SelectResourceConfig: selectResourceConfig,
    PutConfigRule: putConfigRule,
    DescribeConfigRules: describeConfigRules,
    DeleteConfigRule: deleteConfigRule,
    DescribeConfigRuleEvaluationStatus: describeConfigRuleEvaluationStatus,
    StartConfigRulesEvaluation: startConfigRulesEvaluation,
    DeleteEvaluationResults: deleteEvaluationResults,
    PutEvaluations: putEvaluations,
    PutRemediationConfigurations: putRemediationConfigurations,
    DescribeRemediationConfigurations: describeRemediationConfigurations,
    DeleteRemediationConfiguration: deleteRemediationConfiguration,
    PutRemediationExceptions: putRemediationExceptions,
    DescribeRemediationExceptions: describeRemediationExceptions,
    DeleteRemediationExceptions: deleteRemediationExceptions,
    StartRemediationExecution: startRemediationExecution,
    DescribeRemediationExecutionStatus: describeRemediationExecutionStatus,
    DescribeComplianceByConfigRule: describeComplianceByConfigRule,
    DescribeComplianceByResource: describeComplianceByResource,
    GetComplianceDetailsByConfigRule: getComplianceDetailsByConfigRule,
    GetComplianceDetailsByResource: getComplianceDetailsByResource,
    GetComplianceSummaryByConfigRule: getComplianceSummaryByConfigRule,
    GetComplianceSummaryByResourceType: getComplianceSummaryByResourceType,
    DescribeConfigurationRecorders: describeConfigurationRecorders,
    DescribeConfigurationRecorderStatus: describeConfigurationRecorderStatus,
    StartConfigurationRecorder: startConfigurationRecorder,
    StopConfigurationRecorder: stopConfigurationRecorder,
    DeleteConfigurationRecorder: deleteConfigurationRecorder,
    PutServiceLinkedConfigurationRecorder: putServiceLinkedConfigurationRecorder,
    DeleteServiceLinkedConfigurationRecorder: deleteServiceLinkedConfigurationRecorder,
    ListConfigurationRecorders: listConfigurationRecorders,
    AssociateResourceTypes: associateResourceTypes,
    DisassociateResourceTypes: disassociateResourceTypes,
    PutDeliveryChannel: putDeliveryChannel,
    DescribeDeliveryChannels: describeDeliveryChannels,
    DescribeDeliveryChannelStatus: describeDeliveryChannelStatus,
    DeleteDeliveryChannel: deleteDeliveryChannel,
    DeliverConfigSnapshot: deliverConfigSnapshot,
    GetResourceConfigHistory: getResourceConfigHistory,
    BatchGetResourceConfig: batchGetResourceConfig,
    ListDiscoveredResources: listDiscoveredResources,
    GetDiscoveredResourceCounts: getDiscoveredResourceCounts,
    PutResourceConfig: putResourceConfig,
    DeleteResourceConfig: deleteResourceConfig,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
  },
};

export default config;
