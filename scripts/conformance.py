#!/usr/bin/env python3
"""kanri's generated conformance run.

For every modelled operation of every service kanri implements, it builds request variants from
the botocore model (a minimal valid request, boundaries, enum values, optional-member combinations,
missing required members, wrong types), sends them with a real boto3 client (or, for wrong types a
client cannot encode, a raw signed request built with botocore's own serializer), and judges each
answer against the model: a 2xx must parse into the operation's output shape, a 4xx must carry an
error code the operation declares (or the protocol's generic validation code), 501 counts as "not
implemented", anything else fails.

    python3 scripts/conformance.py [--services sts,kms] [--max-variants 40] [--allow-fail]

It starts `node bin/kanri.js start --in-memory` on a free port (build dist/ first), or uses
KANRI_URL when set. Exit status: 0 when nothing failed (or --allow-fail), 1 on failures, 2 when
kanri could not be started.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import http.client
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

import botocore
import botocore.session
from botocore import xform_name
from botocore.auth import SigV4Auth
from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError, ConnectionError as BotoConnectionError, HTTPClientError
from botocore.parsers import create_parser
from botocore.response import StreamingBody
from botocore.serialize import create_serializer

try:  # the stdlib's regex parser, used to generate strings a model pattern accepts
    import re._constants as sre_c
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as sre_c  # type: ignore
    import sre_parse  # type: ignore

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACCESS_KEY, SECRET_KEY, REGION = 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'us-east-1'
MAX_STRING = 262_144  # longest string a boundary variant sends
MAX_ITEMS = 256  # largest list/map a boundary variant sends
MAX_DEPTH = 5  # how deep nested structures are filled

# Codes a protocol answers for any operation when the input is malformed or invalid.
GENERIC_CODES = {
    'json': {'ValidationException', 'SerializationException'},
    'rest-json': {'ValidationException', 'SerializationException'},
    'query': {'ValidationError', 'MalformedQueryString', 'InvalidParameterValue', 'MissingParameter', 'InvalidAction'},
    'ec2': {'InvalidParameterValue', 'MissingParameter', 'InvalidParameter', 'InvalidParameterCombination',
            'UnknownParameter', 'InvalidAction', 'MissingAction'},
    'rest-xml': {'InvalidArgument', 'MalformedXML', 'InvalidRequest', 'InvalidInput'},
}
# AWS's documented common errors, which any operation may answer.
COMMON_CODES = {'AccessDenied', 'AccessDeniedException', 'ExpiredToken', 'ExpiredTokenException', 'RequestEntityTooLarge'}
# AWS's "Common Errors": any action of any service may answer these (auth, throttling), model or not.
COMMON_CODES = {
    'AccessDenied', 'AccessDeniedException', 'IncompleteSignature', 'InvalidClientTokenId', 'UnrecognizedClientException',
    'MissingAuthenticationToken', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'RequestExpired',
    'ThrottlingException', 'Throttling', 'OptInRequired',
}
# What a rest protocol says when a request names no operation (an empty uri label changes the path).
REST_NO_ROUTE = {'rest-json': {'UnknownOperationException'}, 'rest-xml': {'MethodNotAllowed', 'NoSuchBucket', 'NoSuchKey'}}
# Services whose documented errors live outside the model (EC2 and S3 declare few or none).
SERVICE_EXTRA_CODES = {
    'ec2': {'DryRunOperation', 'UnsupportedOperation', 'OperationNotPermitted', 'DependencyViolation',
            'IncorrectState', 'IncorrectInstanceState', 'ResourceLimitExceeded', 'VpcLimitExceeded',
            'NatGatewayNotFound', 'CannotDelete', 'RouteAlreadyExists', 'NetworkAclEntryAlreadyExists', 'Gateway.NotAttached',
            'Resource.AlreadyAssociated', 'RulesPerSecurityGroupLimitExceeded', 'TagLimitExceeded'},
    's3': {'NoSuchBucket', 'NoSuchKey', 'NoSuchUpload', 'NoSuchVersion', 'BucketAlreadyOwnedByYou',
           'BucketAlreadyExists', 'BucketNotEmpty', 'InvalidBucketName', 'InvalidDigest', 'BadDigest',
           'EntityTooSmall', 'EntityTooLarge', 'InvalidPart', 'InvalidPartOrder', 'InvalidRange',
           'MissingContentLength', 'NoSuchLifecycleConfiguration', 'NoSuchBucketPolicy', 'NoSuchCORSConfiguration',
           'NoSuchTagSet', 'NoSuchWebsiteConfiguration', 'ServerSideEncryptionConfigurationNotFoundError',
           'ObjectLockConfigurationNotFoundError', 'ReplicationConfigurationNotFoundError', 'PreconditionFailed',
           'NotModified', 'AccessDenied', 'InvalidStorageClass', 'InvalidTag', 'MalformedPolicy', 'KeyTooLongError',
           'MalformedACLError', 'InvalidBucketState', 'AccessControlListNotSupported', 'UnexpectedContent', 'IllegalLocationConstraintException', 'InvalidLocationConstraint',
           'OwnershipControlsNotFoundError', 'NoSuchPublicAccessBlockConfiguration'},
}
# Enum values real AWS sends that its model leaves out, by shape name. EC2 reports an attached
# internet gateway as "available" (Terraform's AWS provider waits for exactly that), and a Windows
# image or instance's platform as "windows" where the model says "Windows".
ENUM_VALUES_AWS_SENDS = {'AttachmentStatus': {'available'}, 'PlatformValues': {'windows'}}
EC2_CODE = re.compile(r'^Invalid[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$|^[A-Za-z]+\.(NotFound|Duplicate|Malformed|InUse|LimitExceeded)$')


# ---------------------------------------------------------------- strings a pattern accepts

JAVA_CLASSES = {
    'L': 'a-zA-Z', 'Lu': 'A-Z', 'Ll': 'a-z', 'IsAlphabetic': 'a-zA-Z', 'Alpha': 'a-zA-Z', 'Upper': 'A-Z', 'Lower': 'a-z',
    'N': '0-9', 'Nd': '0-9', 'Digit': '0-9', 'Alnum': 'a-zA-Z0-9', 'XDigit': '0-9a-fA-F', 'Z': ' ', 'Zs': ' ',
    'Space': r'\s', 'ASCII': r'\x00-\x7f', 'Print': r'\x20-\x7e', 'Graph': r'\x21-\x7e', 'Punct': r'!-/:-@\[-`{-~',
}


SURROGATE_RANGE = re.compile(r'\\uD[89AB][0-9A-F]{2}\\uD[C-F][0-9A-F]{2}-\\uD[89AB][0-9A-F]{2}\\uD[C-F][0-9A-F]{2}', re.I)


def python_pattern(pattern: str) -> str:
    """A Java/JS model pattern in Python's dialect: \\p{..} classes spelled out, \\z as \\Z,
    a '-' after a class escape ([\\w-_]) taken literally, surrogate-pair ranges dropped."""
    pattern = SURROGATE_RANGE.sub('', pattern)
    out: list[str] = []
    in_class, class_start, after_class_escape, i = False, False, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == '\\' and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            m = re.match(r'\\[pP]\{(\w+)\}', pattern[i:])
            if m:
                body = JAVA_CLASSES.get(m.group(1), 'a-zA-Z')
                out.append(body if in_class else (f'[{body}]' if nxt == 'p' else f'[^{body}]'))
                i += len(m.group(0))
            else:
                out.append('\\Z' if nxt == 'z' else c + nxt)
                i += 2
            after_class_escape, class_start = in_class and (m is not None or nxt in 'wWdDsS'), False
            continue
        if in_class and c == '-' and after_class_escape and pattern[i + 1:i + 2] != ']':
            out.append('\\-')
        elif c == '[' and not in_class:
            in_class, class_start = True, True
            if pattern[i + 1:i + 2] == '^':
                out.append('[^')
                i += 2
                continue
            out.append(c)
        elif c == ']' and in_class and not class_start:
            in_class = False
            out.append(c)
        else:
            out.append(c)
        after_class_escape, class_start = False, False
        i += 1
    return ''.join(out)


PREFERRED = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_./:=+@ ,;!*()~'
CATEGORY_CHARS = {
    'DIGIT': '0123456789', 'WORD': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_', 'SPACE': ' \t',
    'NOT_DIGIT': 'abcdefghijklmnopqrstuvwxyz', 'NOT_WORD': '-./:', 'NOT_SPACE': 'abcdefghijklmnopqrstuvwxyz0123456789',
}


def _category(code) -> str:
    name = str(code).replace('CATEGORY_', '').replace('UNI_', '').replace('LOC_', '')
    return CATEGORY_CHARS.get(name, 'a')


def _class_char(items, rng: random.Random) -> str:
    negate = any(op is sre_c.NEGATE for op, _ in items)
    allowed: list[str] = []

    def inside(ch: str) -> bool:
        for op, av in items:
            if op is sre_c.LITERAL and ord(ch) == av:
                return True
            if op is sre_c.RANGE and av[0] <= ord(ch) <= av[1]:
                return True
            if op is sre_c.CATEGORY and ch in _category(av):
                return True
        return False

    for ch in PREFERRED:
        if inside(ch) != negate:
            allowed.append(ch)
    if allowed:  # readable strings: stay within one kind of character when the class allows it
        for kind in (str.islower, str.isdigit, str.isupper):
            same = [c for c in allowed if kind(c)]
            if same:
                return rng.choice(same)
        return rng.choice(allowed)
    for op, av in items:
        if op is sre_c.LITERAL:
            return chr(av)
        if op is sre_c.RANGE:
            return chr(av[0])
    return 'a'


REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) + ((sre_c.POSSESSIVE_REPEAT,) if hasattr(sre_c, 'POSSESSIVE_REPEAT') else ())
ONE_CHAR = (sre_c.IN, sre_c.ANY, sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.CATEGORY)


def _one_char(sub):
    """The single-character node a repeated sub-pattern reduces to ([a-z], (\\w), .), if it does."""
    while len(sub) == 1 and sub[0][0] is sre_c.SUBPATTERN:
        sub = sub[0][1][3]
    return sub[0] if len(sub) == 1 and sub[0][0] in ONE_CHAR else None


def open_repeats(tree, out=None) -> list:
    """Every repeat whose count may vary, in pattern order (identified by its node)."""
    out = [] if out is None else out
    for op, av in tree:
        if op in REPEATS:
            if av[1] is sre_c.MAXREPEAT or av[1] > av[0]:
                out.append(av)
            open_repeats(av[2], out)
        elif op is sre_c.SUBPATTERN:
            open_repeats(av[3], out)
        elif op is sre_c.BRANCH:
            for branch in av[1]:
                open_repeats(branch, out)
        elif str(op) == 'ATOMIC_GROUP':
            open_repeats(av, out)
    return out


class PatternGen:
    """Walks a parsed regex and writes a string it matches. Every repeat takes its minimum count,
    except `grown` (or all of them when grown is None), which takes `stretch` more."""

    def __init__(self, rng: random.Random, grown, stretch: int, limit: int):
        self.rng, self.grown, self.stretch, self.groups = rng, grown, stretch, {}
        self.limit, self.produced = limit, 0  # nested repeats grow fast: stop well past the longest useful string

    def run(self, tree) -> str:
        return ''.join(self.node(op, av) for op, av in tree)

    def leaf(self, text: str) -> str:
        self.produced += len(text)
        return text

    def node(self, op, av) -> str:
        if op is sre_c.LITERAL:
            return self.leaf(chr(av))
        if op is sre_c.NOT_LITERAL:
            return self.leaf('a' if av != ord('a') else 'b')
        if op is sre_c.ANY:
            return self.leaf('a')
        if op is sre_c.IN:
            return self.leaf(_class_char(av, self.rng))
        if op is sre_c.CATEGORY:
            return self.leaf(_category(av)[0])
        if op is sre_c.BRANCH:
            return self.run(self.rng.choice(av[1]))
        if op is sre_c.SUBPATTERN:
            text = self.run(av[3])
            if av[0] is not None:
                self.groups[av[0]] = text
            return text
        if op in REPEATS:
            lo, hi, sub = av
            hi = 1 << 30 if hi is sre_c.MAXREPEAT else hi
            count = min(hi, lo + self.stretch) if self.grown is None or self.grown is av else lo
            single = _one_char(sub)
            if single is not None and count > 16:  # long runs: one character, repeated
                count = max(lo, min(count, self.limit - self.produced))
                return self.leaf(self.node(*single)[:1] * count) if count else ''
            parts = []
            for i in range(count):
                if i >= lo and self.produced > self.limit:
                    break
                parts.append(self.run(sub))
            return ''.join(parts)
        if str(op) == 'ATOMIC_GROUP':
            return self.run(av)
        if op is sre_c.GROUPREF:
            return self.leaf(self.groups.get(av, ''))
        return ''  # anchors, lookarounds: checked by the full match afterwards


_pattern_cache: dict[tuple, str | None] = {}


def string_for_pattern(pattern: str, lo: int, hi: int, target: int, seed: str) -> str | None:
    """A string matching `pattern` with lo <= len <= hi, as close to `target` as found; None if none found."""
    key = (pattern, lo, hi, target, seed)
    if key in _pattern_cache:
        return _pattern_cache[key]
    try:
        source = python_pattern(pattern)
        compiled = re.compile(source)
        tree = sre_parse.parse(source)
    except Exception:
        _pattern_cache[key] = None
        return None
    best, deadline = None, time.monotonic() + 1.5
    limit = 2 * max(target, min(hi, MAX_STRING)) + 64

    def gen(grown, stretch: int, attempt: int) -> str:
        return PatternGen(random.Random(f'{seed}:{attempt}'), grown, stretch, limit).run(tree)

    # Grow one repeat at a time (the last ones first: usually the free-text tail), then all of them.
    choices = list(reversed(open_repeats(tree)))[:12] + [None]
    for attempt in range(12):
        if attempt >= 4 and best is not None:
            break
        for grown in choices:
            if time.monotonic() > deadline:
                break
            try:
                base = gen(grown, 0, attempt)
                slope = len(gen(grown, 1, attempt)) - len(base)
                candidates = [base]
                if slope > 0 and target > len(base):
                    stretch = (target - len(base)) // slope
                    candidates += [gen(grown, stretch, attempt), gen(grown, stretch + 1, attempt)]
            except RecursionError:
                continue
            for text in candidates:
                if lo <= len(text) <= hi and compiled.fullmatch(text):
                    if best is None or abs(len(text) - target) < abs(len(best) - target):
                        best = text
            if best is not None and len(best) == target:
                _pattern_cache[key] = best
                return best
    _pattern_cache[key] = best
    return best


# ---------------------------------------------------------------- values for shapes

POLICY = json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': '*'}, 'Action': '*', 'Resource': '*'}]})


def hinted_string(name: str) -> str:
    """A plausible value for a member by its name, before the pattern is consulted."""
    n = name.lower()
    if n.endswith('arn') or n.endswith('arns'):
        return 'arn:aws:iam::000000000000:role/kanri-conformance'
    if 'policy' in n or 'document' in n:
        return POLICY
    if 'email' in n:
        return 'kanri@example.com'
    if n.endswith('url') or n.endswith('uri'):
        return 'https://example.com/kanri'
    if n.endswith('region'):
        return REGION
    if n.endswith('accountid') or n == 'account' or n.endswith('owner'):
        return '000000000000'
    if 'session' in n:
        return 'kanri-session'
    return 'kanri-conformance'


def sized(text: str, lo: int, hi: int, target: int | None = None) -> str:
    want = max(lo, min(hi, target if target is not None else len(text)))
    if len(text) >= want:
        return text[:want]
    return text + ('x' * (want - len(text)))


def is_content_length(m_shape) -> bool:
    """A Content-Length member that disagrees with the body leaves the server waiting for bytes: never set."""
    return m_shape.serialization.get('location') == 'header' and m_shape.serialization.get('name', '').lower() == 'content-length'


class ValueBuilder:
    """Builds valid values for botocore shapes: 'min' fills required members only, 'full' fills them all."""

    def __init__(self, seed: str, known: dict[str, str] | None = None):
        self.seed = seed
        self.known = known or {}  # values of resources the run created first (KeyId, RoleName...), by member name

    def string(self, shape, name: str, length: int | None = None) -> str:
        if shape.enum:
            return shape.enum[0]
        meta = shape.metadata
        lo, hi = meta.get('min', 0), meta.get('max', MAX_STRING)
        pattern = meta.get('pattern')
        hint = hinted_string(name)
        if length is None and name in self.known and lo <= len(self.known[name]) <= hi:
            try:
                if not pattern or re.fullmatch(python_pattern(pattern), self.known[name]):
                    return self.known[name]
            except re.error:
                pass
        target = length if length is not None else max(lo, min(hi, len(hint)))
        if pattern:
            if length is None and lo <= len(hint) <= hi:
                try:
                    if re.fullmatch(python_pattern(pattern), hint):
                        return hint
                except re.error:
                    pass
            text = string_for_pattern(pattern, lo if length is None else length, hi if length is None else length, target, f'{self.seed}:{name}')
            if text is None and length is None:
                text = string_for_pattern(pattern, lo, hi, target, f'{self.seed}:{name}')
            if text is not None:
                return text
        return sized(hint, lo if length is None else length, hi if length is None else length, target)

    def scalar(self, shape, name: str):
        t, meta = shape.type_name, shape.metadata
        if t == 'string':
            return self.string(shape, name)
        if t in ('integer', 'long'):
            lo, hi = meta.get('min'), meta.get('max')
            v = lo if lo is not None else 1
            return int(min(v, hi) if hi is not None else v)
        if t in ('float', 'double'):
            lo, hi = meta.get('min'), meta.get('max')
            v = float(lo) if lo is not None else 1.5
            return float(min(v, hi) if hi is not None else v)
        if t == 'boolean':
            return name != 'DryRun'  # a dry run answers DryRunOperation instead of doing the work
        if t == 'timestamp':
            now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
            return now - dt.timedelta(hours=1) if 'start' in name.lower() or 'from' in name.lower() else now
        if t == 'blob':
            lo, hi = meta.get('min', 1), meta.get('max', 64)
            return sized('kanri-conformance', lo, hi).encode()
        return 'kanri'

    def build(self, shape, name: str, mode: str, depth: int = 0, stack: tuple = ()):
        t = shape.type_name
        if t == 'structure':
            if shape.is_document_type:
                return {'kanri': 'document'}
            out: dict[str, Any] = {}
            if depth > MAX_DEPTH or shape.name in stack:
                return out
            required = set(shape.required_members)
            members = shape.members.items()
            if shape.is_tagged_union:
                members = list(members)[:1]
            for m_name, m_shape in members:
                if m_name in required or mode == 'full':
                    if m_shape.serialization.get('eventstream') or is_content_length(m_shape):
                        continue
                    out[m_name] = self.build(m_shape, m_name, mode, depth + 1, stack + (shape.name,))
            return out
        if t == 'list':
            lo = shape.metadata.get('min', 0)
            count = max(lo, 1)
            if depth > MAX_DEPTH or shape.member.name in stack:
                count = lo
            return [self.build(shape.member, name, mode, depth + 1, stack) for _ in range(count)]
        if t == 'map':
            lo = shape.metadata.get('min', 0)
            return self.map_of(shape, name, max(lo, 1) if depth <= MAX_DEPTH else lo, mode, depth, stack)
        if t == 'blob' and shape.serialization.get('streaming'):
            return b'kanri-conformance'
        return self.scalar(shape, name)

    def map_of(self, shape, name, count, mode, depth, stack):
        out = {}
        for i in range(count * 3):
            if len(out) >= count:
                break
            k = self.key(shape.key, name, i)
            out[k] = self.build(shape.value, name, mode, depth + 1, stack)
        return out

    def key(self, key_shape, name: str, i: int) -> str:
        if key_shape.enum:
            return key_shape.enum[i % len(key_shape.enum)]
        base = self.string(key_shape, f'{name}Key{i}')
        if i == 0:
            return base
        pattern = key_shape.metadata.get('pattern')
        lo, hi = key_shape.metadata.get('min', 0), key_shape.metadata.get('max', MAX_STRING)
        if pattern:
            text = string_for_pattern(pattern, lo, hi, max(lo, min(hi, 8)), f'{self.seed}:{name}:key{i}')
            return text if text is not None else f'{base[:-len(str(i))]}{i}'
        return sized(f'k{i}-{base}', lo, hi)

    def list_of(self, shape, name: str, count: int):
        return [self.build(shape.member, name, 'min', 1) for _ in range(count)]


# ---------------------------------------------------------------- variants

@dataclass
class Variant:
    label: str
    params: dict | None = None  # sent with the boto3 client
    raw: Callable[[], dict] | None = None  # or: builds a request dict for a raw, signed request
    expect_error: bool = False  # a 2xx answer is a failure (the input is invalid)
    rerouted: bool = False  # rest: the request's method and path may name another operation now


def set_path(tree: dict, path: tuple, value) -> dict:
    """A deep copy of `tree` with `value` at `path` (None removes the member)."""
    out = json_copy(tree)
    node = out
    for key in path[:-1]:
        node = node[key]
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


def json_copy(v):
    if isinstance(v, dict):
        return {k: json_copy(x) for k, x in v.items()}
    if isinstance(v, list):
        return [json_copy(x) for x in v]
    return v


def member_sites(shape, value, path=(), depth=0):
    """(path, member name, member shape, parent) for every member present in a built value."""
    if shape.type_name != 'structure' or shape.is_document_type or not isinstance(value, dict) or depth > 3:
        return
    for name, m_shape in shape.members.items():
        if name not in value:
            continue
        yield path + (name,), name, m_shape, shape
        child = value[name]
        if m_shape.type_name == 'structure':
            yield from member_sites(m_shape, child, path + (name,), depth + 1)
        elif m_shape.type_name == 'list' and child and m_shape.member.type_name == 'structure':
            yield from member_sites(m_shape.member, child[0], path + (name, 0), depth + 1)


def route_of(op, with_query: bool = False) -> tuple[str, str]:
    uri = op.http.get('requestUri', '/')
    return op.http.get('method', 'POST'), re.sub(r'\{[^}]+\}', '{}', uri if with_query else uri.split('?')[0])


def generate_variants(protocol: str, op, values: ValueBuilder, cap: int, raw_builder, shared_route: bool = False,
                      indistinct: bool = False) -> list[Variant]:
    shape = op.input_shape
    if shape is None:
        return [Variant('minimal', params={})]
    minimal = values.build(shape, op.name, 'min')
    full = values.build(shape, op.name, 'full')
    for k, v in minimal.items():  # the full request keeps the minimal request's required values
        full[k] = v
    required = set(shape.required_members)
    rest = protocol.startswith('rest')

    def base_for(path):
        return minimal if len(path) == 1 else full

    def bound_to(path, m_shape) -> str | None:
        return m_shape.serialization.get('location') if rest and len(path) == 1 else None

    def strict(path, m_shape) -> bool:
        """Whether AWS must refuse an invalid value here; HTTP headers are commonly taken leniently."""
        return bound_to(path, m_shape) not in ('header', 'headers')

    def rerouted(path, m_shape, emptied: bool) -> bool:
        """An empty uri label changes the path; without a header or query member, a route that several
        operations share (S3's PUT /{Bucket}/{Key+}) names another operation."""
        loc = bound_to(path, m_shape)
        return (loc == 'uri' and emptied) or (shared_route and emptied and loc in ('header', 'headers', 'querystring'))

    def invalid(label, path, m_shape, value, emptied=False) -> Variant:
        moved = rerouted(path, m_shape, emptied)
        return Variant(label, params=set_path(base_for(path), path, value), expect_error=strict(path, m_shape) and not moved, rerouted=moved)

    missing, wrong, enums, bad_enums, bounds, optional = [], [], [], [], [], []
    for name in shape.required_members:
        m_shape = shape.members[name]
        if m_shape.serialization.get('hostLabel'):
            continue  # it names the host (kanri answers on one), not a part of the request kanri reads
        if bound_to((name,), m_shape) == 'uri':  # a client cannot leave a uri label out; send it empty instead
            missing.append(Variant(f'missing required {name}', raw=raw_builder(set_path(minimal, (name,), ''), None), rerouted=True))
        else:
            missing.append(invalid(f'missing required {name}', (name,), m_shape, None, emptied=True))
    for path, name, m_shape, parent in member_sites(shape, minimal):
        if len(path) > 1 and name in parent.required_members:
            missing.append(invalid(f'missing required {".".join(map(str, path))}', path, m_shape, None, emptied=True))

    for path, name, m_shape, parent in member_sites(shape, full):
        dotted = '.'.join(map(str, path))
        base = base_for(path)
        meta, t = m_shape.metadata, m_shape.type_name
        if m_shape.serialization.get('streaming') or m_shape.serialization.get('eventstream'):
            continue
        if t == 'string' and m_shape.enum:
            for value in m_shape.enum:
                enums.append(Variant(f'enum {dotted}={value}', params=set_path(base, path, value)))
            bad_enums.append(invalid(f'enum {dotted}=<not in enum>', path, m_shape, 'KANRI_NOT_AN_ENUM_VALUE'))
        elif t in ('string', 'blob') and ('min' in meta or 'max' in meta):
            lo, hi = meta.get('min', 0), meta.get('max')
            lengths = [(lo, False)] + ([(lo - 1, True)] if lo > 0 else [])
            if hi is not None and hi <= MAX_STRING:
                lengths += [(hi, False)] + ([(hi + 1, True)] if hi + 1 <= MAX_STRING else [])
            for n, beyond in lengths:
                if n == lo == 0 and name in required:
                    continue
                value = values.string(m_shape, name, n) if t == 'string' else (b'k' * n)
                if t == 'string' and len(value) != n:
                    value = sized(value, n, n)
                label = f'{dotted} length {n} ({"beyond" if beyond else "at"} {"min" if n <= lo else "max"})'
                if beyond:
                    bounds.append(invalid(label, path, m_shape, value, emptied=n == 0))
                else:
                    bounds.append(Variant(label, params=set_path(base, path, value), rerouted=rerouted(path, m_shape, n == 0)))
        elif t in ('list', 'map') and ('min' in meta or 'max' in meta):
            lo, hi = meta.get('min', 0), meta.get('max')
            counts = [(lo, False)] + ([(lo - 1, True)] if lo > 0 else [])
            if hi is not None and hi <= MAX_ITEMS:
                counts += [(hi, False), (hi + 1, True)]
            for n, beyond in counts:
                if n == 0 and name in required and not beyond and len(path) == 1:
                    continue
                value = values.list_of(m_shape, name, n) if t == 'list' else values.map_of(m_shape, name, n, 'min', 1, ())
                if t == 'map' and len(value) != n:
                    continue  # could not make that many distinct keys
                label = f'{dotted} with {n} items ({"beyond" if beyond else "at"} {"min" if n <= lo else "max"})'
                bounds.append(invalid(label, path, m_shape, value, emptied=n == 0) if beyond else Variant(label, params=set_path(base, path, value)))
        elif t in ('integer', 'long', 'float', 'double') and ('min' in meta or 'max' in meta):
            cast = int if t in ('integer', 'long') else float
            for key, delta in (('min', -1), ('max', 1)):
                if key in meta:
                    edge = cast(meta[key])
                    bounds.append(Variant(f'{dotted}={edge} (at {key})', params=set_path(base, path, edge)))
                    bounds.append(invalid(f'{dotted}={edge + delta} (beyond {key})', path, m_shape, edge + delta))

    for name, m_shape in shape.members.items():
        if name not in full:
            continue
        if rest and shape.serialization.get('payload') == name and m_shape.type_name != 'structure':
            continue  # a blob or string payload is the body itself: any bytes are the right type
        for v in wrong_type_variants(protocol, name, m_shape, minimal, full[name], raw_builder):
            v.expect_error = strict((name,), m_shape)
            wrong.append(v)
        if name not in required:
            optional.append(Variant(f'optional {name}', params=set_path(minimal, (name,), full[name])))

    opt_names = [n for n in full if n not in required]
    half = {k: v for k, v in full.items() if k in required or opt_names.index(k) % 2 == 0}
    head = [Variant('minimal', params=minimal)]
    if full != minimal:
        head.append(Variant('all optional members', params=full))
    if len(opt_names) > 2:
        head.append(Variant('every other optional member', params=half))
    pools = [missing, wrong, enums, bad_enums, bounds, optional]
    chosen = list(head)
    while len(chosen) < cap and any(pools):  # round-robin, so each kind of variant is represented
        for pool in pools:
            if pool and len(chosen) < cap:
                chosen.append(pool.pop(0))
    if indistinct:  # another operation has the very same method and uri (S3's ListBuckets and ListDirectoryBuckets)
        for v in chosen:
            v.expect_error, v.rerouted = False, True
    return chosen


def wrong_type_variants(protocol: str, name: str, m_shape, minimal: dict, good, raw_builder) -> list[Variant]:
    t, loc = m_shape.type_name, m_shape.serialization.get('location')
    if m_shape.serialization.get('streaming') or (t == 'structure' and m_shape.is_document_type):
        return []
    base = set_path(minimal, (name,), good)
    json_body = protocol == 'json' or (protocol == 'rest-json' and loc is None)
    out = []
    if json_body:
        if t in ('integer', 'long', 'boolean', 'float', 'double'):  # botocore passes these through unchanged
            out.append(Variant(f'wrong type {name}: string for {t}', params=set_path(minimal, (name,), 'abc'), expect_error=True))
        elif t == 'string':
            out.append(Variant(f'wrong type {name}: integer for string', params=set_path(minimal, (name,), 12345), expect_error=True))
        wire = {'timestamp': {'kanri': 1}, 'blob': 12345, 'list': {'kanri': 'x'}, 'structure': [1, 2], 'map': 'abc', 'string': [1]}.get(t)
        if wire is not None:
            out.append(Variant(f'wrong type {name}: {type(wire).__name__} for {t} (raw)', raw=raw_builder(base, (name, wire)), expect_error=True))
    elif t in ('integer', 'long', 'float', 'double', 'boolean', 'timestamp'):
        out.append(Variant(f'wrong type {name}: "abc" for {t} (raw)', raw=raw_builder(base, (name, 'abc')), expect_error=True))
    return out


# ---------------------------------------------------------------- raw requests

class RawRequests:
    """Requests botocore's client cannot send: built with its serializer, then patched and signed."""

    def __init__(self, client, url: str):
        self.client, self.url = client, url
        # A model of its own: the S3 client's handlers rewrite its operations' requestUri in place.
        model = self.model = botocore.session.get_session().get_service_model(client.meta.service_model.service_name)
        self.protocol = model.resolved_protocol
        self.serializer = create_serializer(self.protocol, include_validation=False)
        self.signing_name = model.signing_name or model.endpoint_prefix

    def builder(self, op):
        def make(params: dict, patch: tuple | None):
            return lambda: self.request_dict(op, params, patch)
        return make

    def request_dict(self, op, params: dict, patch: tuple | None) -> dict:
        op = self.model.operation_model(op.name)
        req = self.serializer.serialize_to_request(params, op)
        req.pop('host_prefix', None)  # kanri answers every service on one host
        if patch is not None:
            name, wire = patch
            m_shape = op.input_shape.members[name]
            loc = m_shape.serialization.get('location')
            if self.protocol in ('json', 'rest-json') and loc is None:
                body = json.loads(req['body'] or b'{}')
                body[m_shape.serialization.get('name', name)] = wire
                req['body'] = json.dumps(body).encode()
            elif loc == 'uri':  # a label is text anyway: render the wrong value into the path
                req = self.serializer.serialize_to_request({**params, name: wire}, op)
                req.pop('host_prefix', None)
            else:
                without = self.serializer.serialize_to_request({k: v for k, v in params.items() if k != name}, op)
                self.patch_text(req, without, m_shape, name, wire)
        return req

    def patch_text(self, req: dict, without: dict, m_shape, name: str, wire: str) -> None:
        loc = m_shape.serialization.get('location')
        if isinstance(req['body'], dict):  # query and ec2: form pairs
            for key in set(req['body']) - set(without['body']):
                req['body'][key] = wire
        elif loc == 'querystring':
            for key in set(req['query_string']) - set(without['query_string']):
                req['query_string'][key] = wire
        elif loc == 'header':
            req['headers'][m_shape.serialization.get('name', name)] = wire
        elif req['body']:  # rest-xml body: the member's element text
            tag = re.escape(m_shape.serialization.get('name', name))
            body = req['body'].decode() if isinstance(req['body'], bytes) else req['body']
            req['body'] = re.sub(f'<{tag}>[^<]*</{tag}>', f'<{m_shape.serialization.get("name", name)}>{wire}</{m_shape.serialization.get("name", name)}>', body, count=1).encode()

    def send(self, op, req: dict, timeout: float) -> dict:
        prepare_request_dict(req, endpoint_url=self.url, user_agent='kanri-conformance')
        aws_req = create_request_object(req)
        SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), self.signing_name, REGION).add_auth(aws_req)
        prepared = aws_req.prepare()
        body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
        url = urllib.parse.urlsplit(prepared.url)
        # http.client sends exactly these headers (urllib would add a form Content-Type of its own).
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
        try:
            conn.request(prepared.method, url.path + (f'?{url.query}' if url.query else ''), body=body, headers=dict(prepared.headers.items()))
            resp = conn.getresponse()
            status, headers, content = resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()
        return {'status_code': status, 'headers': botocore.awsrequest.HeadersDict(headers), 'body': content}


# ---------------------------------------------------------------- judging

def type_problems(shape, value, path: str, out: list[str]) -> None:
    t = shape.type_name
    where = path or 'output'
    if shape.serialization.get('jsonvalue'):
        return
    if t == 'structure':
        if shape.is_document_type:
            return
        if not isinstance(value, dict):
            out.append(f'{where}: expected a structure, got {type(value).__name__}')
            return
        present = 0
        for k, v in value.items():
            if k == 'ResponseMetadata' and not path:
                continue
            if k not in shape.members:
                out.append(f'{where}: unexpected member {k}')
                continue
            present += 1
            type_problems(shape.members[k], v, f'{path}.{k}' if path else k, out)
        if shape.is_tagged_union and present > 1:
            out.append(f'{where}: a union with {present} members set')
    elif t == 'list':
        if not isinstance(value, list):
            out.append(f'{where}: expected a list, got {type(value).__name__}')
            return
        for i, item in enumerate(value[:50]):
            type_problems(shape.member, item, f'{path}[{i}]', out)
    elif t == 'map':
        if not isinstance(value, dict):
            out.append(f'{where}: expected a map, got {type(value).__name__}')
            return
        for k, v in list(value.items())[:50]:
            type_problems(shape.key, k, f'{path}.<key>', out)
            type_problems(shape.value, v, f'{path}.{k}', out)
    elif t == 'string':
        if not isinstance(value, str):
            out.append(f'{where}: expected a string, got {type(value).__name__} {value!r:.40}')
        elif shape.enum and value not in shape.enum and value not in ENUM_VALUES_AWS_SENDS.get(shape.name, ()):
            out.append(f'{where}: {value!r:.40} is not one of the enum values')
    elif t in ('integer', 'long'):
        if not isinstance(value, int) or isinstance(value, bool):
            out.append(f'{where}: expected an integer, got {type(value).__name__} {value!r:.40}')
    elif t in ('float', 'double'):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            out.append(f'{where}: expected a number, got {type(value).__name__} {value!r:.40}')
    elif t == 'boolean':
        if not isinstance(value, bool):
            out.append(f'{where}: expected a boolean, got {type(value).__name__} {value!r:.40}')
    elif t == 'timestamp':
        if not isinstance(value, dt.datetime):
            out.append(f'{where}: expected a timestamp, got {type(value).__name__} {value!r:.40}')
    elif t == 'blob':
        if isinstance(value, StreamingBody):
            value.close()
        elif not isinstance(value, (bytes, bytearray)):
            out.append(f'{where}: expected a blob, got {type(value).__name__}')


def envelope_problems(protocol: str, op, body: bytes | None, content_type: str) -> list[str]:
    """What botocore forgives but a stricter client would not: the wire envelope of a 2xx answer."""
    if body is None or op.has_streaming_output:
        return []
    if protocol in ('query', 'ec2'):
        try:
            root = ET.fromstring(body)
        except ET.ParseError as e:
            return [f'body is not XML ({e})']
        local = root.tag.split('}')[-1]
        if local != f'{op.name}Response':
            return [f'root element is <{local}>, expected <{op.name}Response>']
        if protocol == 'query' and op.output_shape is not None:
            wrapper = op.output_shape.serialization.get('resultWrapper', f'{op.name}Result')
            if not any(child.tag.split('}')[-1] == wrapper for child in root):
                return [f'no <{wrapper}> element']
    elif protocol == 'json' or (protocol == 'rest-json' and op.output_shape is not None and 'payload' not in op.output_shape.serialization):
        try:
            doc = json.loads(body or b'{}')
        except ValueError:
            return ['body is not JSON']
        if not isinstance(doc, dict):
            return ['body is not a JSON object']
        out: list[str] = []
        if op.output_shape is not None:
            unknown_json_members(op.output_shape, doc, '', out)
        elif doc:
            out.append(f'{op.name} has no output, but the body has {", ".join(list(doc)[:3])}')
        return out
    return []


def unknown_json_members(shape, doc, path: str, out: list[str]) -> None:
    """JSON keys the shape does not name: botocore drops them silently, so a misspelt member looks absent."""
    t = shape.type_name
    if t == 'structure' and isinstance(doc, dict) and not shape.is_document_type:
        wire = {m.serialization.get('name', n): m for n, m in shape.members.items() if m.serialization.get('location') is None}
        for k, v in doc.items():
            if k not in wire:
                if len(out) < 3:
                    out.append(f'{path + "." if path else ""}{k}: not a member of {shape.name}')
            else:
                unknown_json_members(wire[k], v, f'{path}.{k}' if path else k, out)
    elif t == 'list' and isinstance(doc, list):
        for i, item in enumerate(doc[:20]):
            unknown_json_members(shape.member, item, f'{path}[{i}]', out)
    elif t == 'map' and isinstance(doc, dict):
        for k, v in list(doc.items())[:20]:
            unknown_json_members(shape.value, v, f'{path}.{k}', out)


@dataclass
class Outcome:
    service: str
    operation: str
    variant: str
    verdict: str  # pass | fail | notimpl | unsendable
    status: int | None = None
    code: str = ''
    detail: str = ''


class Judge:
    def __init__(self, service: str, protocol: str, model, validation_code: str | None):
        self.service, self.protocol, self.model = service, protocol, model
        self.generic = set(GENERIC_CODES.get(protocol, set())) | SERVICE_EXTRA_CODES.get(service, set()) | COMMON_CODES | COMMON_CODES
        if model.metadata.get('awsQueryCompatible') is not None:
            self.generic |= GENERIC_CODES['query']
        if validation_code:
            self.generic.add(validation_code)
        self.service_codes = set()  # every code any operation declares (a rerouted request may get any)
        for name in model.operation_names:
            for err in model.operation_model(name).error_shapes:
                self.service_codes |= {err.name, err.error_code}

    def declared(self, op) -> dict[str, int | None]:
        codes = {}
        for err in op.error_shapes:
            status = err.metadata.get('error', {}).get('httpStatusCode')
            codes[err.name] = status
            codes[err.error_code] = status
        return codes

    def verdict(self, op, v: Variant, status: int, code: str, parsed: dict | None, body: bytes | None, headers) -> tuple[str, str]:
        if status == 501:
            return ('notimpl', '') if code == 'NotImplemented' else ('fail', f'501 with code {code!r}, not NotImplemented')
        if 200 <= status < 300:
            if v.expect_error:
                return 'fail', 'accepted invalid input (expected a 4xx)'
            if v.rerouted:
                return 'pass', ''  # answered as the operation the new path names
            problems = envelope_problems(self.protocol, op, body, headers.get('content-type', '') if headers else '')
            if op.output_shape is not None and parsed is not None:
                type_problems(op.output_shape, parsed, '', problems)
            return ('fail', '; '.join(problems[:3])) if problems else ('pass', '')
        if 400 <= status < 500:
            declared = self.declared(op)
            if code in declared:
                want = declared[code]
                if want and want != status:
                    return 'fail', f'{code} answered with HTTP {status}; the model says {want}'
                return 'pass', ''
            if code in self.generic or (self.service == 'ec2' and EC2_CODE.match(code or '')):
                return 'pass', ''
            if op.http.get('method') == 'HEAD':
                return 'pass', ''  # a HEAD answer has no body to carry a code
            if v.rerouted and (code in REST_NO_ROUTE.get(self.protocol, set()) or code in self.service_codes):
                return 'pass', ''
            return 'fail', f'error code {code!r} is not declared for {op.name}'
        return 'fail', f'HTTP {status}'


# ---------------------------------------------------------------- running

class ServiceRun:
    def __init__(self, service: str, url: str, seed: str, cap: int, timeout: float):
        session = botocore.session.get_session()
        self.service, self.url, self.cap, self.timeout = service, url, cap, timeout
        self.client = session.create_client(
            service, region_name=REGION, endpoint_url=url, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=Config(parameter_validation=False, retries={'max_attempts': 0}, connect_timeout=5,
                          read_timeout=timeout, max_pool_connections=32, s3={'addressing_style': 'path'},
                          inject_host_prefix=False))
        self.model = self.client.meta.service_model
        self.protocol = self.model.resolved_protocol
        self.raw = RawRequests(self.client, url)
        self.values = ValueBuilder(seed)
        self.judge = Judge(service, self.protocol, self.model, service_validation_code(service))
        self.seen = threading.local()
        self.client.meta.events.register('before-parse', self._capture)

    def _capture(self, response_dict=None, **_):
        self.seen.response = response_dict

    def create_resources(self) -> None:
        """Sends each Create* operation's minimal request once, and keeps the ids and names it answers, so
        that the variants of other operations name a resource that exists (an Encrypt with a real KeyId)."""
        for name in self.model.operation_names:
            if not name.startswith('Create'):
                continue
            op = self.model.operation_model(name)
            params = ValueBuilder(f'{self.values.seed}:{self.service}:{name}').build(op.input_shape, name, 'min') if op.input_shape else {}
            try:
                output = getattr(self.client, xform_name(name))(**params)
            except Exception:
                continue
            if op.output_shape is not None:
                harvest(op.output_shape, output, '', self.values.known)

    def variants(self) -> list[tuple[Any, Variant]]:
        out = []
        routes: dict[tuple, int] = {}
        for name in self.model.operation_names:
            for route in {route_of(self.model.operation_model(name)), route_of(self.model.operation_model(name), True) + ('exact',)}:
                routes[route] = routes.get(route, 0) + 1
        for name in self.model.operation_names:
            op = self.model.operation_model(name)
            values = ValueBuilder(f'{self.values.seed}:{self.service}:{name}', self.values.known)
            try:
                rest = self.protocol.startswith('rest')
                vs = generate_variants(self.protocol, op, values, self.cap, self.raw.builder(op), rest and routes[route_of(op)] > 1,
                                       rest and routes[route_of(op, True) + ('exact',)] > 1)
            except Exception as e:  # a generator bug must not hide the other operations
                vs = [Variant(f'generator error: {type(e).__name__}: {e}', params={})]
            out.extend((op, v) for v in vs)
        return out

    def run_one(self, op, v: Variant) -> Outcome:
        base = Outcome(self.service, op.name, v.label, 'fail')
        self.seen.response = response = None
        try:
            if v.raw is not None:
                response = self.raw.send(op, v.raw(), self.timeout)
                parsed = create_parser(self.protocol).parse(response, op.output_shape)
            else:
                try:
                    parsed = getattr(self.client, xform_name(op.name))(**(v.params or {}))
                except ClientError as e:
                    parsed = e.response
                response = self.seen.response
        except (BotoConnectionError, HTTPClientError, http.client.HTTPException, ConnectionError, TimeoutError, socket.timeout) as e:
            base.detail = f'connection error: {type(e).__name__}: {str(e)[:120]}'
            return base
        except Exception as e:
            response = response or self.seen.response
            if response is None and v.raw is None:  # the client refused to build it (its own checks): send it raw
                return self.run_one(op, Variant(v.label, raw=lambda: self.raw.request_dict(op, v.params or {}, None),
                                                expect_error=v.expect_error, rerouted=v.rerouted))
            if response is None:  # it never reached kanri: not even botocore's serializer could encode it
                base.verdict, base.detail = 'unsendable', f'{type(e).__name__}: {str(e)[:120]}'
                return base
            base.status = response['status_code']
            base.detail = f'unparseable response: {type(e).__name__}: {str(e)[:120]}'
            return base
        status = (response or {}).get('status_code') or parsed.get('ResponseMetadata', {}).get('HTTPStatusCode')
        body = (response or {}).get('body')
        if not isinstance(body, (bytes, bytearray)):
            body = None
        # awsQueryCompatible (SQS): botocore reports the query-era code from x-amzn-query-error and keeps
        # the wire __type as QueryErrorCode; the model declares modelled errors by the latter.
        error = parsed.get('Error', {})
        code = error.get('Code', '') if status and status >= 300 else ''
        if code and error.get('QueryErrorCode') in self.judge.declared(op):
            code = error['QueryErrorCode']
        base.status, base.code = status, code
        base.verdict, base.detail = self.judge.verdict(op, v, status, code, parsed if status < 300 else None, body, (response or {}).get('headers'))
        return base


def harvest(shape, value, parent: str, known: dict[str, str]) -> None:
    """Strings of an answer by member name; Arn/Id/Name also under their parent's name (Role.Arn: RoleArn)."""
    t = shape.type_name
    if t == 'structure' and isinstance(value, dict):
        for name, m_shape in shape.members.items():
            if name not in value:
                continue
            child = value[name]
            if m_shape.type_name == 'string' and isinstance(child, str) and 0 < len(child) <= 2048:
                known.setdefault(name, child)
                if name in ('Arn', 'Id', 'Name') and parent:
                    known.setdefault(f'{parent}{name}', child)
            else:
                harvest(m_shape, child, name, known)
    elif t == 'list' and isinstance(value, list) and value:
        harvest(shape.member, value[0], parent, known)


def service_validation_code(service: str) -> str | None:
    path = os.path.join(ROOT, 'src', 'services', service, 'index.ts')
    try:
        m = re.search(r"validationErrorCode:\s*['\"](\w+)['\"]", open(path, encoding='utf-8').read())
    except OSError:
        return None
    return m.group(1) if m else None


def implemented_services() -> list[str]:
    text = open(os.path.join(ROOT, 'src', 'services', 'index.ts'), encoding='utf-8').read()
    block = re.search(r'SERVICE_LOADERS\b.*?=\s*\{(.*?)\n\};', text, re.S)
    names = re.findall(r"^\s*['\"]?([\w-]+)['\"]?\s*:\s*\(\)\s*=>", block.group(1) if block else '', re.M)
    # Services with a hand-authored model (ec2messages, the SSM Agent's) have no botocore model to generate from.
    return [n for n in names if os.path.exists(os.path.join(ROOT, 'src', 'models', f'{n}.json'))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen | None, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f'{url}/_kanri/health', timeout=2) as r:
                if r.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.1)
    return False


def start_kanri(log_path: str) -> tuple[str, subprocess.Popen]:
    if not os.path.exists(os.path.join(ROOT, 'dist', 'cli', 'main.js')):
        print('conformance: dist/ is missing; run `npm run build` first', file=sys.stderr)
        sys.exit(2)
    port = free_port()
    log = open(log_path, 'w')
    proc = subprocess.Popen(['node', 'bin/kanri.js', 'start', '--port', str(port), '--in-memory'], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    if not wait_healthy(url, proc, 30):
        proc.kill()
        print(open(log_path).read()[-3000:], file=sys.stderr)
        print('conformance: kanri did not become healthy', file=sys.stderr)
        sys.exit(2)
    return url, proc


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--services', help='comma-separated model names (default: SERVICE_LOADERS in src/services/index.ts)')
    ap.add_argument('--max-variants', type=int, default=40, help='variants per operation (default 40)')
    ap.add_argument('--seed', default='1', help='seed for generated values (default 1)')
    ap.add_argument('--workers', type=int, default=8, help='services checked side by side, one process each (default 8)')
    ap.add_argument('--timeout', type=float, default=15, help='seconds per request (default 15)')
    ap.add_argument('--budget', type=float, default=100, help='stop sending new variants after this many seconds (default 100)')
    ap.add_argument('--show', type=int, default=5, help='failures listed per service (default 5; 0 lists all)')
    ap.add_argument('--allow-fail', action='store_true', help='exit 0 even when variants fail')
    ap.add_argument('--json', metavar='PATH', help='also write every outcome to PATH as JSON')
    args = ap.parse_args(argv)

    services = [s for s in (args.services.split(',') if args.services else implemented_services()) if s]
    if not services:
        print('conformance: no services to check', file=sys.stderr)
        return 2
    proc, log_path = None, os.path.join(tempfile.gettempdir(), f'kanri-conformance-{os.getpid()}.log')
    url = os.environ.get('KANRI_URL', '').rstrip('/')
    if url:
        if not wait_healthy(url, None, 10):
            print(f'conformance: no healthy kanri at {url}', file=sys.stderr)
            return 2
    else:
        url, proc = start_kanri(log_path)
    started = time.time()
    jobs = [(svc, url, args.seed, args.max_variants, args.timeout, started + args.budget) for svc in services]
    try:
        # One process per service (botocore is CPU-bound); each sends its variants in a fixed order, one at a time.
        with ProcessPoolExecutor(max_workers=max(1, min(args.workers, len(jobs))), mp_context=multiprocessing.get_context('fork')) as pool:
            results = list(pool.map(check_service, jobs))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    outcomes = [o for r in results for o in r['outcomes']]
    report(results, outcomes, url, time.time() - started, args.show, log_path if proc else None)
    if proc is not None and os.path.exists(log_path):
        os.remove(log_path)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump([o.__dict__ for o in outcomes], f, indent=1)
    failed = sum(o.verdict == 'fail' for o in outcomes)
    return 0 if failed == 0 or args.allow_fail else 1


def check_service(job: tuple) -> dict:
    """Runs one service's variants. They share resource names, so they go one at a time, in a fixed
    order (every operation's first variant, then every second one...), which keeps a run reproducible
    and leaves every operation tested when the time budget cuts the run short."""
    service, url, seed, cap, timeout, deadline = job
    run = ServiceRun(service, url, seed, cap, timeout)
    run.create_resources()
    ranked, counts = [], {}
    for op, v in run.variants():
        counts[op.name] = counts.get(op.name, -1) + 1
        ranked.append((counts[op.name], len(ranked), op, v))
    ranked.sort(key=lambda r: (r[0], r[1]))
    outcomes = [run.run_one(op, v) if time.time() <= deadline else Outcome(service, op.name, v.label, 'skipped-budget')
                for _, _, op, v in ranked]
    return {'service': service, 'protocol': run.protocol, 'operations': len(run.model.operation_names), 'outcomes': outcomes}


def report(results: list[dict], outcomes: list[Outcome], url: str, seconds: float, show: int, log_path: str | None) -> None:
    print(f'kanri conformance against {url} (botocore {botocore.__version__}), {len(outcomes)} requests in {seconds:.1f} s\n')
    head = f'{"service":<16}{"protocol":<10}{"operations":>11}{"variants":>10}{"passed":>8}{"failed":>8}{"not impl":>10}'
    print(head)
    print('-' * len(head))
    totals = {'pass': 0, 'fail': 0, 'notimpl': 0}
    for r in results:
        mine = r['outcomes']
        counts = {k: sum(o.verdict == k for o in mine) for k in ('pass', 'fail', 'notimpl')}
        for k in totals:
            totals[k] += counts[k]
        sent = sum(o.verdict in ('pass', 'fail', 'notimpl') for o in mine)
        print(f'{r["service"]:<16}{r["protocol"]:<10}{r["operations"]:>11}{sent:>10}{counts["pass"]:>8}{counts["fail"]:>8}{counts["notimpl"]:>10}')
    for r in results:
        fails = sorted((o for o in r['outcomes'] if o.verdict == 'fail'), key=lambda o: o.operation)
        if fails:
            print(f'\n{r["service"]}: {len(fails)} failed' + (f', first {show}:' if 0 < show < len(fails) else ':'))
            for o in fails[:show or None]:
                print(f'  {o.operation} [{o.variant}] -> {o.status or "-"} {o.code or ""}: {o.detail}'.rstrip())
    unsendable = [o for o in outcomes if o.verdict == 'unsendable']
    skipped = sum(o.verdict == 'skipped-budget' for o in outcomes)
    if unsendable:
        print(f'\nnote: {len(unsendable)} variants could not be encoded by the client and were not sent, e.g. '
              f'{unsendable[0].service}.{unsendable[0].operation} [{unsendable[0].variant}]: {unsendable[0].detail}')
    if skipped:
        print(f'\nnote: the time budget ran out; {skipped} variants were not sent (raise --budget or lower --max-variants)')
    if log_path and totals['fail'] and os.path.exists(log_path):
        errors = [line for line in open(log_path, errors='replace') if 'unexpected error' in line or 'listener error' in line]
        if errors:
            print(f'\nkanri logged {len(errors)} unexpected errors, first: {errors[0].strip()[:300]}')
    tail = f', {totals["notimpl"]} not implemented' if totals['notimpl'] else ''
    print(f'\nconformance: {totals["pass"]} passed, {totals["fail"]} failed{tail}')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
