// Conformance packs: the handlers and tables Config's plugin takes in (see README.md).
import type { Handler } from '../../types';
import { registerTaggable } from '../taggable';
import { deleteConformancePack, describeConformancePacks, describeConformancePackStatus, putConformancePack } from './ops';
import {
  describeConformancePackCompliance, getConformancePackComplianceDetails, getConformancePackComplianceSummary, listConformancePackComplianceScores,
} from './compliance';
import { findPackByArn, PACK_MIGRATIONS } from './store';

export { PACK_MIGRATIONS };

// Packs are tagged through Config's TagResource.
registerTaggable((platform, accountId, region, arn) => !!findPackByArn(platform.storage, { accountId, region }, arn));

export const PACK_HANDLERS: Record<string, Handler> = {
  PutConformancePack: putConformancePack,
  DescribeConformancePacks: describeConformancePacks,
  DescribeConformancePackStatus: describeConformancePackStatus,
  DeleteConformancePack: deleteConformancePack,
  DescribeConformancePackCompliance: describeConformancePackCompliance,
  GetConformancePackComplianceSummary: getConformancePackComplianceSummary,
  GetConformancePackComplianceDetails: getConformancePackComplianceDetails,
  ListConformancePackComplianceScores: listConformancePackComplianceScores,
};
