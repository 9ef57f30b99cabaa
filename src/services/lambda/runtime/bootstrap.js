// kanri's Node.js runtime bootstrap, run as a child process of kanri (only with --run-lambdas).
// Requests arrive as JSON lines on stdin; logs, results and errors go back as JSON lines on fd 3.
// It loads the handler named by _HANDLER (file.func; CommonJS or ES module) from LAMBDA_TASK_ROOT.
'use strict';
const net = require('node:net');
const path = require('node:path');
const fs = require('node:fs');
const util = require('node:util');
const readline = require('node:readline');
const { pathToFileURL } = require('node:url');

const control = new net.Socket({ fd: 3, readable: false, writable: true });
const send = (msg, cb) => control.write(`${JSON.stringify(msg)}\n`, cb);

let currentId = null;
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, cb) => {
    send({ type: 'log', data: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    if (typeof encoding === 'function') encoding();
    else if (typeof cb === 'function') cb();
    return true;
  };
}
// Lambda's console lines: time, request id, level, message.
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[method] = (...args) => {
    const text = util.format(...args).replace(/\n/g, '\r');
    send({ type: 'log', data: `${new Date().toISOString()}\t${currentId ?? 'undefined'}\t${level}\t${text}\n` });
  };
}

function errorPayload(err) {
  if (err instanceof Error) {
    return { errorType: err.name || 'Error', errorMessage: err.message, trace: String(err.stack || '').split('\n') };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

function initError(errorType, err) {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { errorType, errorMessage: message, trace: err instanceof Error ? String(err.stack || '').split('\n') : [] };
}

let handlerFn;
async function loadHandler() {
  if (handlerFn) return handlerFn;
  const spec = process.env._HANDLER || '';
  const dot = spec.lastIndexOf('.');
  const [modulePath, fnName] = dot > 0 ? [spec.slice(0, dot), spec.slice(dot + 1)] : [spec, ''];
  const base = path.resolve(process.env.LAMBDA_TASK_ROOT, modulePath);
  const file = ['.js', '.cjs', '.mjs'].map((ext) => base + ext).find((f) => fs.existsSync(f));
  if (!file) {
    const e = new Error(`Cannot find module '${path.basename(modulePath)}'\nRequire stack:\n- /var/runtime/index.mjs`);
    throw { payload: initError('Runtime.ImportModuleError', e) };
  }
  let mod;
  try {
    mod = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : require(file);
  } catch (e) {
    if (e instanceof SyntaxError) throw { payload: initError('Runtime.UserCodeSyntaxError', e) };
    if (e && e.code === 'ERR_REQUIRE_ESM') {
      mod = await import(pathToFileURL(file).href);
    } else {
      throw { payload: initError(e && e.code === 'MODULE_NOT_FOUND' ? 'Runtime.ImportModuleError' : (e && e.name) || 'Error', e) };
    }
  }
  const fn = mod && (mod[fnName] ?? (mod.default && mod.default[fnName]));
  if (typeof fn !== 'function') {
    throw { payload: { errorType: 'Runtime.HandlerNotFound', errorMessage: `${spec} is undefined or not exported`, trace: [] } };
  }
  handlerFn = fn;
  return fn;
}

function contextFor(req) {
  const c = req.context;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: c.functionName,
    functionVersion: c.functionVersion,
    invokedFunctionArn: c.invokedFunctionArn,
    memoryLimitInMB: String(c.memoryLimitInMB),
    awsRequestId: c.awsRequestId,
    logGroupName: c.logGroupName,
    logStreamName: c.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, c.deadlineMs - Date.now()),
    ...(c.clientContext !== undefined ? { clientContext: c.clientContext } : {}),
  };
}

function callHandler(fn, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, value) => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    try {
      const out = fn(event, context, callback);
      if (out && typeof out.then === 'function') out.then((v) => callback(null, v), (e) => callback(e === undefined ? new Error('undefined') : e));
      else if (fn.length < 3) callback(null, out);
    } catch (e) {
      callback(e);
    }
  });
}

async function invoke(req) {
  currentId = req.context.awsRequestId;
  process.env._X_AMZN_TRACE_ID = req.context.traceId || '';
  let fn;
  try {
    fn = await loadHandler();
  } catch (e) {
    // The sandbox starts afresh after a failed init, as Lambda does.
    send({ type: 'error', id: req.id, init: true, error: e && e.payload ? e.payload : initError('Runtime.Unknown', e) }, () => process.exit(1));
    return;
  }
  let event;
  try {
    event = JSON.parse(req.payload || 'null');
  } catch {
    event = req.payload;
  }
  try {
    const value = await callHandler(fn, event, contextFor(req));
    let payload;
    try {
      payload = value === undefined ? 'null' : JSON.stringify(value);
    } catch (e) {
      send({ type: 'error', id: req.id, error: { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${e.message}`, trace: [] } });
      return;
    }
    send({ type: 'result', id: req.id, payload: payload === undefined ? 'null' : payload });
  } catch (e) {
    const error = errorPayload(e);
    // Lambda's Node.js runtime logs the failure before it answers.
    const logged = JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace });
    send({ type: 'log', data: `${new Date().toISOString()}\t${currentId}\tERROR\tInvoke Error \t${logged}\n` });
    send({ type: 'error', id: req.id, error });
  } finally {
    currentId = null;
  }
}

let current = null;
process.on('uncaughtException', (e) => {
  send({ type: 'error', id: current, fatal: true, error: errorPayload(e) }, () => process.exit(1));
});
process.on('unhandledRejection', (reason) => {
  const e = reason instanceof Error ? reason : new Error(String(reason));
  send({ type: 'error', id: current, fatal: true, error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: `${e.name}: ${e.message}`, trace: String(e.stack || '').split('\n') } },
    () => process.exit(1));
});

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const req = JSON.parse(line);
  current = req.id;
  void invoke(req);
});
lines.on('close', () => process.exit(0));
