import { describe, expect, it } from 'vitest';
import { parseYaml, toYaml, YamlError } from './yaml';

const DOC = `---
schemaVersion: '2.2'
description: Run a shell script. # a comment
parameters:
  commands:
    type: StringList
    description: "(Required) Commands: to run."
    default: ["echo hi", 'two']
    minItems: 1
mainSteps:
  - action: aws:runShellScript
    name: runShellScript
    precondition:
      StringEquals: [platformType, Linux]
    inputs:
      timeoutSeconds: 3600
      runCommand: '{{ commands }}'
      script: |
        #!/bin/bash
        echo "a # not a comment"
      folded: >-
        one
        two
- not: part
`;

describe('parseYaml', () => {
  it('reads the YAML that SSM documents use', () => {
    expect(() => parseYaml(DOC)).toThrow(YamlError); // the last line is at the wrong indentation
    const doc = parseYaml(DOC.replace('- not: part\n', '')) as any;
    expect(doc.schemaVersion).toBe('2.2');
    expect(doc.description).toBe('Run a shell script.');
    expect(doc.parameters.commands).toEqual({ type: 'StringList', description: '(Required) Commands: to run.', default: ['echo hi', 'two'], minItems: 1 });
    const step = doc.mainSteps[0];
    expect(step.action).toBe('aws:runShellScript');
    expect(step.precondition).toEqual({ StringEquals: ['platformType', 'Linux'] });
    expect(step.inputs).toEqual({ timeoutSeconds: 3600, runCommand: '{{ commands }}', script: '#!/bin/bash\necho "a # not a comment"\n', folded: 'one two' });
  });

  it('reads sequences at the key indentation and nested sequences', () => {
    expect(parseYaml('a:\n- 1\n- x: y\n  z: [1, 2]\nb: ~\n')).toEqual({ a: [1, { x: 'y', z: [1, 2] }], b: null });
    expect(parseYaml('- - a\n  - b\n- c\n')).toEqual([['a', 'b'], 'c']);
  });

  it('round-trips through toYaml', () => {
    const value = { schemaVersion: '2.2', n: 3, on: true, list: ['a', { b: 'c', d: ['e'] }], text: 'line1\nline2\n', empty: {}, colon: 'a: b' };
    expect(parseYaml(toYaml(value))).toEqual(value);
  });
});
