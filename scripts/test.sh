#!/usr/bin/env bash
# The whole test suite: builds kanri, checks the real clients the tests drive, runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v aws >/dev/null 2>&1 || missing+=("the AWS CLI v1 (pip install awscli)")
python3 -c 'import boto3' >/dev/null 2>&1 || missing+=("boto3 (pip install boto3)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'kanri tests drive real clients; please install: %s\n' "${missing[@]}" >&2
  exit 1
fi

npm run --silent build
npx vitest run "$@"
