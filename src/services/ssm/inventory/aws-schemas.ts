// AWS's inventory types and their attributes, as GetInventorySchema returns them (the Systems
// Manager User Guide's "Metadata collected by inventory"). A leading '#' marks a number attribute.
export interface AttributeSchema { Name: string; DataType: 'string' | 'number' }
export interface TypeSchema { TypeName: string; Version: string; Attributes: AttributeSchema[]; DisplayName?: string }

const TABLE: [string, string, string][] = [
  ['AWS:AWSComponent', '1.0', 'Name ApplicationType Publisher Version InstalledTime Architecture URL'],
  ['AWS:Application', '1.1', 'Name ApplicationType Publisher Version Release Epoch InstalledTime Architecture URL Summary PackageId'],
  ['AWS:BillingInfo', '1.0', 'BillingProductId'],
  ['AWS:Certificate', '1.0', 'Name SignatureAlgorithm KeyAlgorithm SerialNumber Issuer ValidityFrom ValidityTo Subject'],
  ['AWS:ComplianceItem', '1.0', 'ComplianceType ExecutionId ExecutionType ExecutionTime Id Title Status Severity DocumentName DocumentVersion '
    + 'Classification PatchBaselineId PatchSeverity PatchState PatchGroup InstalledTime InstallOverrideList DetailedText DetailedLink CVEIds'],
  ['AWS:ComplianceSummary', '1.0', 'ComplianceType PatchGroup PatchBaselineId Status OverallSeverity ExecutionId ExecutionType ExecutionTime '
    + '#CompliantCriticalCount #CompliantHighCount #CompliantMediumCount #CompliantLowCount #CompliantInformationalCount #CompliantUnspecifiedCount '
    + '#NonCompliantCriticalCount #NonCompliantHighCount #NonCompliantMediumCount #NonCompliantLowCount #NonCompliantInformationalCount #NonCompliantUnspecifiedCount'],
  ['AWS:File', '1.0', 'Name Size Description FileVersion InstalledDate ModificationTime LastAccessTime ProductName InstalledDir ProductLanguage CompanyName ProductVersion'],
  ['AWS:InstanceDetailedInformation', '1.0', 'CPUModel #CPUCores #CPUs #CPUSpeedMHz #CPUSockets CPUHyperThreadEnabled OSServicePack'],
  ['AWS:InstanceInformation', '1.0', 'AgentType AgentVersion ComputerName IamRole InstanceId IpAddress PlatformName PlatformType PlatformVersion ResourceType AgentStatus InstanceStatus'],
  ['AWS:Network', '1.0', 'Name SubnetMask Gateway DHCPServer DNSServer MacAddress IPV4 IPV6'],
  ['AWS:PatchCompliance', '1.0', 'Title KBId Classification Severity State InstalledTime'],
  ['AWS:PatchSummary', '1.0', 'PatchGroup BaselineId SnapshotId OwnerInformation #InstalledCount #InstalledPendingRebootCount #InstalledOtherCount '
    + '#InstalledRejectedCount #NotApplicableCount #UnreportedNotApplicableCount #MissingCount #FailedCount OperationType OperationStartTime '
    + 'OperationEndTime InstallOverrideList RebootOption LastNoRebootInstallOperationTime ExecutionId NonCompliantSeverity '
    + '#SecurityNonCompliantCount #CriticalNonCompliantCount #OtherNonCompliantCount'],
  ['AWS:Process', '1.0', 'StartTime CommandLine User FileName FileVersion FileDescription FileSize CompanyName ProductName ProductVersion InstalledDate InstalledDir UsageId'],
  ['AWS:ResourceGroup', '1.0', 'Name Arn'],
  ['AWS:Service', '1.0', 'Name DisplayName ServiceType Status DependentServices ServicesDependedOn StartType'],
  ['AWS:Tag', '1.0', 'Key Value'],
  ['AWS:WindowsRegistry', '1.0', 'KeyPath ValueName ValueType Value'],
  ['AWS:WindowsRole', '1.0', 'Name DisplayName Path FeatureType DependsOn Description Installed InstalledState SubFeatures ServerComponentDescriptor Parent'],
  ['AWS:WindowsUpdate', '1.0', 'HotFixId Description InstalledTime InstalledBy'],
];

export const AWS_SCHEMAS: ReadonlyMap<string, TypeSchema> = new Map(TABLE.map(([TypeName, Version, attrs]) => [TypeName, {
  TypeName, Version,
  Attributes: attrs.split(' ').map((a) => (a.startsWith('#') ? { Name: a.slice(1), DataType: 'number' as const } : { Name: a, DataType: 'string' as const })),
}]));

/** Versions PutInventory accepts per AWS type (AWS:Application 1.0 agents still report). */
export function supportedVersions(typeName: string): string[] {
  const s = AWS_SCHEMAS.get(typeName);
  if (!s) return [];
  return typeName === 'AWS:Application' ? ['1.0', '1.1'] : [s.Version];
}

/** Types whose attributes GetInventory can aggregate on (GetInventorySchema with Aggregator=true). */
export const AGGREGATOR_SCHEMAS: TypeSchema[] = [
  { TypeName: 'AWS:InstanceInformation', Version: '1.0', DisplayName: 'Platform',
    Attributes: ['PlatformName', 'PlatformType', 'PlatformVersion'].map((Name) => ({ Name, DataType: 'string' as const })) },
];

/** Context keys AWS:ComplianceItem takes; no other type takes a Context. */
export const CONTEXT_KEYS: Record<string, string[]> = { 'AWS:ComplianceItem': ['ComplianceType', 'ExecutionId', 'ExecutionType', 'ExecutionTime'] };
