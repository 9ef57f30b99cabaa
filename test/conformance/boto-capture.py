"""Serialize requests with botocore and parse responses with it, without a network.

stdin: a JSON list of {"service", "operation", "params", "response": {"status", "headers", "body_b64"}?}
stdout: a JSON list of {"request": {"method", "url", "headers", "body_b64"}, "output" | "error"}
Values: {"$date": iso} becomes a datetime, {"$bytes": b64} becomes bytes, and back on output.
"""
import base64, datetime, json, sys
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import ClientError


def decode(v):
    if isinstance(v, dict):
        if "$date" in v:
            return datetime.datetime.fromisoformat(v["$date"].replace("Z", "+00:00"))
        if "$bytes" in v:
            return base64.b64decode(v["$bytes"])
        return {k: decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode(x) for x in v]
    return v


def encode(v):
    if isinstance(v, datetime.datetime):
        return {"$date": v.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")}
    if isinstance(v, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(v).decode()}
    if hasattr(v, "read"):
        return {"$bytes": base64.b64encode(v.read()).decode()}
    if isinstance(v, dict):
        return {k: encode(x) for k, x in v.items() if k != "ResponseMetadata"}
    if isinstance(v, list):
        return [encode(x) for x in v]
    return v


class Raw:
    def __init__(self, body):
        self.body = body

    def stream(self, **_):
        yield self.body


def run(case, session):
    client = session.create_client(
        case["service"], region_name="us-east-1", endpoint_url="http://localhost:4566",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 0}, s3={"addressing_style": "path"}),
    )
    captured = {}
    reply = case.get("response") or {"status": 200, "headers": {}, "body_b64": ""}

    def before_send(request, **_):
        body = request.body or b""
        if hasattr(body, "read"):
            body = body.read()
        if isinstance(body, str):
            body = body.encode()
        captured["request"] = {"method": request.method, "url": request.url, "headers": {k: (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()}, "body_b64": base64.b64encode(body).decode()}
        raw = base64.b64decode(reply["body_b64"])
        return AWSResponse(request.url, reply["status"], reply["headers"], Raw(raw))

    client.meta.events.register("before-send", before_send)
    method = getattr(client, botocore.xform_name(case["operation"]))
    try:
        captured["output"] = encode(method(**decode(case["params"])))
    except ClientError as e:
        captured["error"] = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    except Exception as e:  # the canned reply may not parse when only the request matters
        if "request" not in captured or "response" in case:
            raise
        captured["error"] = {"code": type(e).__name__, "status": 0}
    return captured


def main():
    session = botocore.session.get_session()
    cases = json.load(sys.stdin)
    json.dump([run(c, session) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
