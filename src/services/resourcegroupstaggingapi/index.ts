// The Resource Groups Tagging API: tagged resources across every service, from the platform's
// resource index; tagging goes through each resource's own service.
import type { ServicePlugin } from '../types';
import { getResources, getTagKeys, getTagValues } from './ops';
import { tagResources, untagResources } from './tag-ops';

const tagging: ServicePlugin = {
  name: 'resourcegroupstaggingapi',
  handlers: {
    GetResources: getResources,
    GetTagKeys: getTagKeys,
    GetTagValues: getTagValues,
    TagResources: tagResources,
    UntagResources: untagResources,
  },
};

export default tagging;
