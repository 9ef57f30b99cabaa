// CloudTrail: the event history of every API call, LookupEvents, and trails.
import type { ServicePlugin } from '../types';
import { CLOUDTRAIL_MIGRATIONS } from './store';

const cloudtrail: ServicePlugin = {
  name: 'cloudtrail',
  migrations: CLOUDTRAIL_MIGRATIONS,
  handlers: {},
};

export default cloudtrail;
