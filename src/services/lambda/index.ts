// Lambda: functions from zip packages (uploaded or in S3), versions, aliases, resource policies,
// event invoke configs, and invocations that run Node.js and Python code in local child processes
// (only when kanri was started with --run-lambdas). Other services use invokeAsync/invokeSync/checkInvokePermission (api.ts).
import type { ServicePlugin } from '../types';
import { drainQueue } from './async';
import { createEventSourceMapping, deleteEventSourceMapping, getEventSourceMapping, listEventSourceMappings, updateEventSourceMapping } from './ops/event-sources';
import { syncPollers } from './sqs-poller';
import {
  addLayerVersionPermission, deleteLayerVersion, getLayerVersion, getLayerVersionByArn, getLayerVersionPolicy, listLayers, listLayerVersions,
  publishLayerVersion, removeLayerVersionPermission,
} from './ops/layers';
import { addPermission, getPolicy, removePermission } from './ops/permissions';
import { deleteFunctionConcurrency, getAccountSettings, getFunctionConcurrency, putFunctionConcurrency } from './ops/concurrency';
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from './ops/aliases';
import {
  deleteFunctionEventInvokeConfig, getFunctionEventInvokeConfig, listFunctionEventInvokeConfigs, putFunctionEventInvokeConfig, updateFunctionEventInvokeConfig,
} from './ops/event-config';
import { createFunction, deleteFunction, getFunction, getFunctionConfiguration, listFunctions, updateFunctionCode, updateFunctionConfiguration } from './ops/functions';
import { invoke, invokeAsyncOp } from './ops/invoke';
import { listTags, tagResource, untagResource } from './ops/tags';
import { listVersionsByFunction, publishVersion } from './ops/versions';
import { LAMBDA_MIGRATIONS } from './store';

const lambda: ServicePlugin = {
  name: 'lambda',
  migrations: LAMBDA_MIGRATIONS,
  // Event invocations queued before a restart run once the service is back.
  init: (platform) => {
    setImmediate(() => void drainQueue(platform));
    syncPollers(platform);
  },
  dataEvents: new Set(['Invoke', 'InvokeAsync', 'InvokeWithResponseStream']),
  handlers: {
    CreateFunction: createFunction,
    GetFunction: getFunction,
    GetFunctionConfiguration: getFunctionConfiguration,
    ListFunctions: listFunctions,
    UpdateFunctionCode: updateFunctionCode,
    UpdateFunctionConfiguration: updateFunctionConfiguration,
    DeleteFunction: deleteFunction,
    Invoke: invoke,
    InvokeAsync: invokeAsyncOp,
    PublishVersion: publishVersion,
    ListVersionsByFunction: listVersionsByFunction,
    CreateAlias: createAlias,
    GetAlias: getAlias,
    UpdateAlias: updateAlias,
    DeleteAlias: deleteAlias,
    ListAliases: listAliases,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    GetPolicy: getPolicy,
    PutFunctionEventInvokeConfig: putFunctionEventInvokeConfig,
    UpdateFunctionEventInvokeConfig: updateFunctionEventInvokeConfig,
    GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
    DeleteFunctionEventInvokeConfig: deleteFunctionEventInvokeConfig,
    ListFunctionEventInvokeConfigs: listFunctionEventInvokeConfigs,
    PutFunctionConcurrency: putFunctionConcurrency,
    GetFunctionConcurrency: getFunctionConcurrency,
    DeleteFunctionConcurrency: deleteFunctionConcurrency,
    GetAccountSettings: getAccountSettings,
    CreateEventSourceMapping: createEventSourceMapping,
    GetEventSourceMapping: getEventSourceMapping,
    UpdateEventSourceMapping: updateEventSourceMapping,
    DeleteEventSourceMapping: deleteEventSourceMapping,
    ListEventSourceMappings: listEventSourceMappings,
    PublishLayerVersion: publishLayerVersion,
    GetLayerVersion: getLayerVersion,
    GetLayerVersionByArn: getLayerVersionByArn,
    ListLayers: listLayers,
    ListLayerVersions: listLayerVersions,
    DeleteLayerVersion: deleteLayerVersion,
    AddLayerVersionPermission: addLayerVersionPermission,
    RemoveLayerVersionPermission: removeLayerVersionPermission,
    GetLayerVersionPolicy: getLayerVersionPolicy,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTags: listTags,
  },
  // Invoking runs code but changes no configuration.
  readOnlyOperations: [],
};

export default lambda;
