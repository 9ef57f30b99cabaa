// Aggregators: the handlers and tables Config's plugin takes in (see README.md).
import type { Handler } from '../../types';
import { registerTaggable } from '../taggable';
import {
  deleteAggregationAuthorization, deleteConfigurationAggregator, describeAggregationAuthorizations, describeConfigurationAggregators,
  describeConfigurationAggregatorSourcesStatus, describePendingAggregationRequests, putAggregationAuthorization, putConfigurationAggregator,
} from './ops';
import {
  describeAggregateComplianceByConfigRules, describeAggregateComplianceByConformancePacks, getAggregateComplianceDetailsByConfigRule,
  getAggregateConfigRuleComplianceSummary, getAggregateConformancePackComplianceSummary,
} from './compliance';
import {
  batchGetAggregateResourceConfig, getAggregateDiscoveredResourceCounts, getAggregateResourceConfig, listAggregateDiscoveredResources, selectAggregateResourceConfig,
} from './resources';
import { AGGREGATOR_MIGRATIONS, findAggregatorByArn, findAuthByArn } from './store';

export { AGGREGATOR_MIGRATIONS };

// Aggregators and authorizations are tagged through Config's TagResource.
registerTaggable((platform, accountId, region, arn) =>
  !!findAggregatorByArn(platform.storage, { accountId, region }, arn) || !!findAuthByArn(platform.storage, { accountId, region }, arn));

export const AGGREGATOR_HANDLERS: Record<string, Handler> = {
  PutConfigurationAggregator: putConfigurationAggregator,
  DescribeConfigurationAggregators: describeConfigurationAggregators,
  DeleteConfigurationAggregator: deleteConfigurationAggregator,
  DescribeConfigurationAggregatorSourcesStatus: describeConfigurationAggregatorSourcesStatus,
  PutAggregationAuthorization: putAggregationAuthorization,
  DescribeAggregationAuthorizations: describeAggregationAuthorizations,
  DeleteAggregationAuthorization: deleteAggregationAuthorization,
  DescribePendingAggregationRequests: describePendingAggregationRequests,
  DescribeAggregateComplianceByConfigRules: describeAggregateComplianceByConfigRules,
  DescribeAggregateComplianceByConformancePacks: describeAggregateComplianceByConformancePacks,
  GetAggregateComplianceDetailsByConfigRule: getAggregateComplianceDetailsByConfigRule,
  GetAggregateConfigRuleComplianceSummary: getAggregateConfigRuleComplianceSummary,
  GetAggregateConformancePackComplianceSummary: getAggregateConformancePackComplianceSummary,
  GetAggregateDiscoveredResourceCounts: getAggregateDiscoveredResourceCounts,
  ListAggregateDiscoveredResources: listAggregateDiscoveredResources,
  GetAggregateResourceConfig: getAggregateResourceConfig,
  BatchGetAggregateResourceConfig: batchGetAggregateResourceConfig,
  SelectAggregateResourceConfig: selectAggregateResourceConfig,
};
