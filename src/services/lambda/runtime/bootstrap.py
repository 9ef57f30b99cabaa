# kanri's Python runtime bootstrap, run as a child process of kanri (only with --run-lambdas).
# Requests arrive as JSON lines on stdin; logs, results and errors go back as JSON lines on fd 3.
# It loads the handler named by _HANDLER (module.func) from LAMBDA_TASK_ROOT.
import importlib
import json
import os
import sys
import time
import traceback

os.set_blocking(3, True)


def send(msg):
    data = (json.dumps(msg) + "\n").encode()
    while data:
        data = data[os.write(3, data):]


class LogStream:
    """print() and sys.stdout/sys.stderr writes become log lines of the current invocation."""

    encoding = "utf-8"

    def write(self, text):
        if text:
            send({"type": "log", "data": text})
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


stdin = sys.stdin.buffer
sys.stdout = LogStream()
sys.stderr = LogStream()
sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])


class Context:
    def __init__(self, c):
        self.function_name = c["functionName"]
        self.function_version = c["functionVersion"]
        self.invoked_function_arn = c["invokedFunctionArn"]
        self.memory_limit_in_mb = int(c["memoryLimitInMB"])
        self.aws_request_id = c["awsRequestId"]
        self.log_group_name = c["logGroupName"]
        self.log_stream_name = c["logStreamName"]
        self.client_context = c.get("clientContext")
        self._deadline_ms = c["deadlineMs"]

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


class InitError(Exception):
    def __init__(self, payload):
        super().__init__(payload["errorMessage"])
        self.payload = payload


handler_fn = None


def load_handler(request_id):
    global handler_fn
    if handler_fn:
        return handler_fn
    spec = os.environ.get("_HANDLER", "")
    module_name, _, fn_name = spec.rpartition(".")
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except SyntaxError as e:
        raise InitError({"errorMessage": "Syntax error in module '%s': %s" % (module_name, e), "errorType": "Runtime.UserCodeSyntaxError",
                         "requestId": request_id, "stackTrace": traceback.format_tb(e.__traceback__)[1:]})
    except ImportError as e:
        raise InitError({"errorMessage": "Unable to import module '%s': %s" % (module_name, e), "errorType": "Runtime.ImportModuleError",
                         "requestId": request_id, "stackTrace": []})
    except Exception as e:
        raise InitError({"errorMessage": str(e), "errorType": type(e).__name__, "requestId": request_id,
                         "stackTrace": traceback.format_tb(e.__traceback__)[1:]})
    fn = getattr(module, fn_name, None)
    if not callable(fn):
        raise InitError({"errorMessage": "Handler '%s' missing on module '%s'" % (fn_name, module_name), "errorType": "Runtime.HandlerNotFound",
                         "requestId": request_id, "stackTrace": []})
    handler_fn = fn
    return fn


def invoke(req):
    request_id = req["context"]["awsRequestId"]
    try:
        fn = load_handler(request_id)
    except InitError as e:
        send({"type": "error", "id": req["id"], "init": True, "error": e.payload})
        sys.exit(1)
    try:
        event = json.loads(req["payload"] or "null")
    except ValueError:
        event = req["payload"]
    try:
        result = fn(event, Context(req["context"]))
    except Exception as e:
        # Lambda's Python runtime logs the failure before it answers.
        tb = "".join(traceback.format_exception(type(e), e, e.__traceback__))
        send({"type": "log", "data": "[ERROR] %s: %s\r%s\n" % (type(e).__name__, e, tb.replace("\n", "\r"))})
        send({"type": "error", "id": req["id"], "error": {
            "errorMessage": str(e), "errorType": type(e).__name__, "requestId": request_id,
            "stackTrace": traceback.format_tb(e.__traceback__)[1:]}})
        return
    try:
        payload = json.dumps(result)
    except (TypeError, ValueError) as e:
        send({"type": "error", "id": req["id"], "error": {
            "errorMessage": "Unable to marshal response: %s" % e, "errorType": "Runtime.MarshalError", "requestId": request_id, "stackTrace": []}})
        return
    send({"type": "result", "id": req["id"], "payload": payload})


while True:
    line = stdin.readline()
    if not line:
        break
    invoke(json.loads(line))
