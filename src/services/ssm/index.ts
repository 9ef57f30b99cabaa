// Systems Manager: Parameter Store (parameters, versions, labels, policies on the clock, public
// parameters, SecureStrings through KMS), documents and OpsCenter.
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
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from './tags';
import { SESSION_MIGRATIONS } from './sessions/store';
import { describeSessions, resumeSession, startSession, terminateSession } from './sessions/ops';
import { endOrphanedSessions } from './sessions/lifecycle';

const ssm: ServicePlugin = {
  name: 'ssm',
  migrations: [...PARAMETER_MIGRATIONS, ...DOCUMENT_MIGRATIONS, ...OPSITEM_MIGRATIONS, ...SETTING_MIGRATIONS, ...SESSION_MIGRATIONS],
  init(platform) {
    restorePolicyTimers(platform);
    endOrphanedSessions(platform);
  },
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
    StartSession: startSession,
    TerminateSession: terminateSession,
    ResumeSession: resumeSession,
    DescribeSessions: describeSessions,
  },
};

export default ssm;
