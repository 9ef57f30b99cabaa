#!/usr/bin/env python3
"""Writes instance-types.json: vCPUs, memory (MiB) and architectures of common EC2 instance types.

Source: the Amazon EC2 instance type specifications (docs.aws.amazon.com/ec2/latest/instancetypes/
gp.html, co.html, mo.html), where each family's sizes follow the same ladder: a family has a fixed
memory per vCPU (GiB) and the listed sizes. Burstable (t*) types are listed one by one because their
ladder is irregular. Run: python3 src/services/ec2/data/instance-types.py
"""
import json, os

SIZES = {'medium': 1, 'large': 2, 'xlarge': 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '12xlarge': 48,
         '16xlarge': 64, '24xlarge': 96, '32xlarge': 128, '48xlarge': 192}
# family: (GiB per vCPU, architecture, sizes)
FAMILIES = {
    'm5': (4, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge'),
    'm6i': (4, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge'),
    'm7i': (4, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge'),
    'm6g': (4, 'arm64', 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge'),
    'm7g': (4, 'arm64', 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge'),
    'c5': (2, 'x86_64', 'large xlarge 2xlarge 4xlarge 12xlarge 24xlarge'),
    'c6i': (2, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge'),
    'c7i': (2, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge'),
    'c6g': (2, 'arm64', 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge'),
    'c7g': (2, 'arm64', 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge'),
    'r5': (8, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge'),
    'r6i': (8, 'x86_64', 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 32xlarge'),
    'r6g': (8, 'arm64', 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge'),
    'r7g': (8, 'arm64', 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge'),
}
# Burstable types: name: (vCPUs, memory GiB)
BURSTABLE = {
    't2': ('x86_64', {'nano': (1, 0.5), 'micro': (1, 1), 'small': (1, 2), 'medium': (2, 4), 'large': (2, 8), 'xlarge': (4, 16), '2xlarge': (8, 32)}),
    't3': ('x86_64', {'nano': (2, 0.5), 'micro': (2, 1), 'small': (2, 2), 'medium': (2, 4), 'large': (2, 8), 'xlarge': (4, 16), '2xlarge': (8, 32)}),
    't3a': ('x86_64', {'nano': (2, 0.5), 'micro': (2, 1), 'small': (2, 2), 'medium': (2, 4), 'large': (2, 8), 'xlarge': (4, 16), '2xlarge': (8, 32)}),
    't4g': ('arm64', {'nano': (2, 0.5), 'micro': (2, 1), 'small': (2, 2), 'medium': (2, 4), 'large': (2, 8), 'xlarge': (4, 16), '2xlarge': (8, 32)}),
}
OLD = {'m1.small': (1, 1.7, 'i386 x86_64'), 't1.micro': (1, 0.613, 'i386 x86_64')}

types = {}
for family, (per_vcpu, arch, sizes) in FAMILIES.items():
    for size in sizes.split():
        vcpus = SIZES[size]
        types[f'{family}.{size}'] = {'vcpus': vcpus, 'memoryMiB': int(vcpus * per_vcpu * 1024), 'architectures': [arch]}
for family, (arch, sizes) in BURSTABLE.items():
    for size, (vcpus, gib) in sizes.items():
        types[f'{family}.{size}'] = {'vcpus': vcpus, 'memoryMiB': int(gib * 1024), 'architectures': [arch] + (['i386'] if family == 't2' and vcpus <= 2 else [])}
for name, (vcpus, gib, archs) in OLD.items():
    types[name] = {'vcpus': vcpus, 'memoryMiB': int(gib * 1024), 'architectures': archs.split()}

out = {'_generated': 'by instance-types.py from the EC2 instance type specifications; do not edit by hand', 'types': dict(sorted(types.items()))}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'instance-types.json'), 'w') as f:
    json.dump(out, f, indent=0)
    f.write('\n')
