#!/usr/bin/env bash
# The whole test suite: builds kanri, checks the real clients the tests drive, runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v aws >/dev/null 2>&1 || missing+=("the AWS CLI v1 (pip install awscli)")
python3 -c 'import boto3' >/dev/null 2>&1 || missing+=("boto3 (pip install boto3)")
# The DNS tests ask kanri's DNS server with the real `dig` (Debian bind9-dnsutils).
if ! command -v dig >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo 'dig is missing: installing bind9-dnsutils' >&2
    apt-get update && apt-get install -y bind9-dnsutils
  fi
  command -v dig >/dev/null 2>&1 || missing+=("dig (as root: apt-get update && apt-get install -y bind9-dnsutils)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'kanri tests drive real clients; please install: %s\n' "${missing[@]}" >&2
  exit 1
fi

npm run --silent build
npx vitest run "$@"
