// Route 53's control plane: hosted zones, record sets, VPC associations, delegation sets, tags,
// CIDR collections, query logging configs and health checks that really probe on the clock.
// The DNS server (src/dns) reads zones through api.ts.
import type { ServicePlugin } from '../types';
import { ROUTE53_MIGRATIONS } from './store';
import { startHealthCheckers } from './health/runner';
import * as zones from './ops/zones';
import * as records from './ops/records';
import * as vpcs from './ops/vpcs';
import * as sets from './ops/delegation-sets';
import * as tags from './ops/tags';
import * as cidr from './ops/cidr';
import * as health from './ops/health-checks';
import * as logging from './ops/query-logging';
import * as account from './ops/account';
import * as geo from './ops/geo';
import * as dnssec from './ops/dnssec';
import * as traffic from './ops/traffic-policies';
import { testDnsAnswer } from './ops/test-dns-answer';

const route53: ServicePlugin = {
  name: 'route53',
  migrations: ROUTE53_MIGRATIONS,
  validationErrorCode: 'InvalidInput',
  init: startHealthCheckers,
  handlers: {
    TestDNSAnswer: testDnsAnswer,
    CreateHostedZone: zones.createHostedZone,
    GetHostedZone: zones.getHostedZone,
    GetHostedZoneCount: zones.getHostedZoneCount,
    ListHostedZones: zones.listHostedZones,
    ListHostedZonesByName: zones.listHostedZonesByName,
    ListHostedZonesByVPC: zones.listHostedZonesByVpc,
    UpdateHostedZoneComment: zones.updateHostedZoneComment,
    DeleteHostedZone: zones.deleteHostedZone,
    GetHostedZoneLimit: zones.getHostedZoneLimit,
    ChangeResourceRecordSets: records.changeResourceRecordSets,
    ListResourceRecordSets: records.listResourceRecordSets,
    GetChange: records.getChange,
    AssociateVPCWithHostedZone: vpcs.associateVpc,
    DisassociateVPCFromHostedZone: vpcs.disassociateVpc,
    CreateVPCAssociationAuthorization: vpcs.createVpcAssociationAuthorization,
    DeleteVPCAssociationAuthorization: vpcs.deleteVpcAssociationAuthorization,
    ListVPCAssociationAuthorizations: vpcs.listVpcAssociationAuthorizations,
    CreateReusableDelegationSet: sets.createReusableDelegationSet,
    GetReusableDelegationSet: sets.getReusableDelegationSet,
    ListReusableDelegationSets: sets.listReusableDelegationSets,
    DeleteReusableDelegationSet: sets.deleteReusableDelegationSet,
    GetReusableDelegationSetLimit: sets.getReusableDelegationSetLimit,
    ChangeTagsForResource: tags.changeTagsForResource,
    ListTagsForResource: tags.listTagsForResource,
    ListTagsForResources: tags.listTagsForResources,
    CreateCidrCollection: cidr.createCidrCollection,
    ChangeCidrCollection: cidr.changeCidrCollection,
    DeleteCidrCollection: cidr.deleteCidrCollection,
    ListCidrCollections: cidr.listCidrCollections,
    ListCidrLocations: cidr.listCidrLocations,
    ListCidrBlocks: cidr.listCidrBlocks,
    CreateHealthCheck: health.createHealthCheck,
    GetHealthCheck: health.getHealthCheck,
    GetHealthCheckCount: health.getHealthCheckCount,
    ListHealthChecks: health.listHealthChecksOp,
    UpdateHealthCheck: health.updateHealthCheck,
    DeleteHealthCheck: health.deleteHealthCheck,
    GetHealthCheckStatus: health.getHealthCheckStatus,
    GetHealthCheckLastFailureReason: health.getHealthCheckLastFailureReason,
    CreateQueryLoggingConfig: logging.createQueryLoggingConfig,
    GetQueryLoggingConfig: logging.getQueryLoggingConfig,
    DeleteQueryLoggingConfig: logging.deleteQueryLoggingConfig,
    ListQueryLoggingConfigs: logging.listQueryLoggingConfigs,
    GetAccountLimit: account.getAccountLimit,
    GetCheckerIpRanges: account.getCheckerIpRanges,
    GetGeoLocation: geo.getGeoLocation,
    ListGeoLocations: geo.listGeoLocations,
    GetDNSSEC: dnssec.getDnssec,
    EnableHostedZoneDNSSEC: dnssec.enableHostedZoneDnssec,
    DisableHostedZoneDNSSEC: dnssec.disableHostedZoneDnssec,
    CreateKeySigningKey: dnssec.createKeySigningKey,
    CreateTrafficPolicy: traffic.createTrafficPolicy,
    CreateTrafficPolicyVersion: traffic.createTrafficPolicyVersion,
    GetTrafficPolicy: traffic.getTrafficPolicy,
    UpdateTrafficPolicyComment: traffic.updateTrafficPolicyComment,
    DeleteTrafficPolicy: traffic.deleteTrafficPolicy,
    ListTrafficPolicies: traffic.listTrafficPolicies,
    ListTrafficPolicyVersions: traffic.listTrafficPolicyVersions,
    GetTrafficPolicyInstanceCount: traffic.getTrafficPolicyInstanceCount,
  },
};

export default route53;
