#!/usr/bin/env python3
"""Writes instance-types.json: vCPUs, memory (MiB) and architectures of every EC2 instance type.

Source: moto's ec2/resources/instance_types.json.gz (Apache-2.0, see NOTICE), which records AWS's
DescribeInstanceTypes answers. Needs moto installed (`pip install moto`).
Run: python3 src/services/ec2/data/instance-types.py
"""
import gzip, json, os

import moto

source = os.path.join(os.path.dirname(moto.__file__), 'ec2', 'resources', 'instance_types.json.gz')
with gzip.open(source) as f:
    recorded = json.load(f)

types = {}
for name, t in recorded.items():
    vcpus = t.get('VCpuInfo', {}).get('DefaultVCpus')
    memory = t.get('MemoryInfo', {}).get('SizeInMiB')
    archs = t.get('ProcessorInfo', {}).get('SupportedArchitectures', [])
    if vcpus and memory:
        types[name] = {'vcpus': vcpus, 'memoryMiB': memory, 'architectures': archs}

out = {'_generated': f'by instance-types.py from moto {moto.__version__} ec2/resources/instance_types.json.gz (AWS DescribeInstanceTypes); do not edit by hand',
       'types': dict(sorted(types.items()))}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'instance-types.json'), 'w') as f:
    json.dump(out, f, indent=0)
    f.write('\n')
print(f'{len(types)} instance types')
