// Systems Manager: Parameter Store (parameters, versions, labels, policies on the clock, public
// parameters, SecureStrings through KMS), documents, OpsCenter, managed instances and Run Command.
import type { ServicePlugin } from '../types';
import { PARAMETER_MIGRATIONS } from './store-parameters';
import { putParameter } from './parameters/put';
import { getParameter, getParameters } from './parameters/read';
import { describeParameters, getParametersByPath } from './parameters/query';
import { getParameterHistory, labelParameterVersion, unlabelParameterVersion } from './parameters/versions';
import { deleteParameter, deleteParameters } from './parameters/delete';
import { restorePolicyTimers } from './parameters/policies';
import { DOCUMENT_MIGRATIONS } from './store-documents';
import { createDocument, deleteDocument, describeDocument, getDocument, listDocumentVersions, updateDocument, updateDocumentDefaultVersion } from './documents/ops';
import { listDocuments } from './documents/list';
import { describeDocumentPermission, modifyDocumentPermission } from './documents/permissions';
import { OPSITEM_MIGRATIONS } from './store-opsitems';
import { createOpsItem, deleteOpsItem, getOpsItem, updateOpsItem } from './opsitems/items';
import { associateOpsItemRelatedItem, describeOpsItems, disassociateOpsItemRelatedItem, getOpsSummary, listOpsItemRelatedItems } from './opsitems/query';
import { SETTING_MIGRATIONS, getServiceSetting, resetServiceSetting, updateServiceSetting } from './settings';
import { addTagsToResource, listTagsForResource, registerTaggable, removeTagsFromResource } from './tags';
import { INSTANCE_MIGRATIONS, findManagedInstance } from './instances/store';
import { createActivation, deleteActivation, describeActivations } from './instances/activations';
import { deregisterManagedInstance, registerManagedInstance, requestManagedInstanceRoleToken, resolveInstanceKey, updateInstanceInformation } from './instances/register';
import { describeInstanceInformation } from './instances/describe';
import { requestInstanceRoleCredentials } from './instances/ec2';
import { COMMAND_MIGRATIONS } from './commands/store';
import { sendCommand } from './commands/send';
import { cancelCommand, getCommandInvocation, listCommandInvocations, listCommands } from './commands/query';
import { restoreCommandTimers } from './commands/lifecycle';
import { INVENTORY_MIGRATIONS } from './inventory/store';
import { putInventory } from './inventory/put';
import { getInventory } from './inventory/query';
import { listInventoryEntries } from './inventory/entries';
import { getInventorySchema } from './inventory/schemas';
import { deleteInventory, describeInventoryDeletions } from './inventory/delete';
import { SESSION_MIGRATIONS } from './sessions/store';
import { describeSessions, resumeSession, startSession, terminateSession } from './sessions/ops';
import { endOrphanedSessions } from './sessions/lifecycle';

registerTaggable('ManagedInstance', (ctx, id) => (findManagedInstance(ctx.platform.storage, ctx.accountId, ctx.region, id) ? id : undefined));

const ssm: ServicePlugin = {
  name: 'ssm',
  migrations: [...PARAMETER_MIGRATIONS, ...DOCUMENT_MIGRATIONS, ...OPSITEM_MIGRATIONS, ...SETTING_MIGRATIONS, ...INSTANCE_MIGRATIONS, ...COMMAND_MIGRATIONS, ...INVENTORY_MIGRATIONS, ...SESSION_MIGRATIONS],
  init(platform) {
    restorePolicyTimers(platform);
    restoreCommandTimers(platform);
    endOrphanedSessions(platform);
  },
  resolveAccessKey: resolveInstanceKey,
  redactMembers: ['ActivationCode', 'SecretAccessKey', 'SessionToken', 'Fingerprint'],
  handlers: {
    PutParameter: putParameter,
    GetParameter: getParameter,
    GetParameters: getParameters,
    GetParametersByPath: getParametersByPath,
    DescribeParameters: describeParameters,
    GetParameterHistory: getParameterHistory,
    LabelParameterVersion: labelParameterVersion,
    UnlabelParameterVersion: unlabelParameterVersion,
    DeleteParameter: deleteParameter,
    DeleteParameters: deleteParameters,
    AddTagsToResource: addTagsToResource,
    ListTagsForResource: listTagsForResource,
    RemoveTagsFromResource: removeTagsFromResource,
    CreateDocument: createDocument,
    UpdateDocument: updateDocument,
    GetDocument: getDocument,
    DescribeDocument: describeDocument,
    ListDocuments: listDocuments,
    ListDocumentVersions: listDocumentVersions,
    DeleteDocument: deleteDocument,
    UpdateDocumentDefaultVersion: updateDocumentDefaultVersion,
    ModifyDocumentPermission: modifyDocumentPermission,
    DescribeDocumentPermission: describeDocumentPermission,
    CreateOpsItem: createOpsItem,
    GetOpsItem: getOpsItem,
    UpdateOpsItem: updateOpsItem,
    DeleteOpsItem: deleteOpsItem,
    DescribeOpsItems: describeOpsItems,
    AssociateOpsItemRelatedItem: associateOpsItemRelatedItem,
    DisassociateOpsItemRelatedItem: disassociateOpsItemRelatedItem,
    ListOpsItemRelatedItems: listOpsItemRelatedItems,
    GetOpsSummary: getOpsSummary,
    GetServiceSetting: getServiceSetting,
    UpdateServiceSetting: updateServiceSetting,
    ResetServiceSetting: resetServiceSetting,
    CreateActivation: createActivation,
    DescribeActivations: describeActivations,
    DeleteActivation: deleteActivation,
    DeregisterManagedInstance: deregisterManagedInstance,
    DescribeInstanceInformation: describeInstanceInformation,
    SendCommand: sendCommand,
    ListCommands: listCommands,
    ListCommandInvocations: listCommandInvocations,
    GetCommandInvocation: getCommandInvocation,
    CancelCommand: cancelCommand,
    // the SSM Agent's own calls (wire/ssm-agent.json)
    RegisterManagedInstance: registerManagedInstance,
    RequestManagedInstanceRoleToken: requestManagedInstanceRoleToken,
    UpdateInstanceInformation: updateInstanceInformation,
    RequestInstanceRoleCredentials: requestInstanceRoleCredentials, // kanri's own, for EC2 instance agents (instances/ec2.ts)
    PutInventory: putInventory,
    GetInventory: getInventory,
    ListInventoryEntries: listInventoryEntries,
    GetInventorySchema: getInventorySchema,
    DeleteInventory: deleteInventory,
    DescribeInventoryDeletions: describeInventoryDeletions,
    StartSession: startSession,
    TerminateSession: terminateSession,
    ResumeSession: resumeSession,
    DescribeSessions: describeSessions,
  },
};

export default ssm;
