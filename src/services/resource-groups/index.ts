// AWS Resource Groups: tag-query groups over the resources every kanri service records.
import type { ServicePlugin } from '../types';
import { RESOURCE_GROUPS_MIGRATIONS } from './store';
import {
  createGroup, deleteGroupOp, getGroup, getGroupConfiguration, getGroupQuery, getTags, listGroupsOp, putGroupConfiguration, tag, untag,
  updateGroup, updateGroupQuery,
} from './ops/groups';
import { listGroupResources, searchResources } from './ops/resources';

const resourceGroups: ServicePlugin = {
  name: 'resource-groups',
  migrations: RESOURCE_GROUPS_MIGRATIONS,
  handlers: {
    CreateGroup: createGroup,
    GetGroup: getGroup,
    GetGroupQuery: getGroupQuery,
    UpdateGroup: updateGroup,
    UpdateGroupQuery: updateGroupQuery,
    DeleteGroup: deleteGroupOp,
    ListGroups: listGroupsOp,
    ListGroupResources: listGroupResources,
    SearchResources: searchResources,
    GetTags: getTags,
    Tag: tag,
    Untag: untag,
    GetGroupConfiguration: getGroupConfiguration,
    PutGroupConfiguration: putGroupConfiguration,
    GetAccountSettings: () => ({ AccountSettings: { GroupLifecycleEventsDesiredStatus: 'INACTIVE', GroupLifecycleEventsStatus: 'INACTIVE' } }),
  },
  readOnlyOperations: ['SearchResources'],
};

export default resourceGroups;
