import { describe, expect, it } from 'vitest';
import { keyOf, levelsOf, parameterArn, parentOf, parseSelector } from './names';

describe('parameter names', () => {
  it('stores /name and name under one key, and finds the parent path', () => {
    expect([keyOf('/top'), keyOf('top'), keyOf('/a/b')]).toEqual(['top', 'top', '/a/b']);
    expect([parentOf('top'), parentOf('/a'), parentOf('/a/b/c')]).toEqual(['/', '/', '/a/b']);
    expect(levelsOf('/a/b/c')).toBe(3);
  });

  it('builds ARNs without the leading slash', () => {
    expect(parameterArn('us-east-1', '123456789012', '/a/b')).toBe('arn:aws:ssm:us-east-1:123456789012:parameter/a/b');
    expect(parameterArn('us-east-1', '123456789012', 'top')).toBe('arn:aws:ssm:us-east-1:123456789012:parameter/top');
  });

  it('parses version and label selectors, also on ARNs', () => {
    expect(parseSelector('/a/b:3')).toEqual({ name: '/a/b', version: 3, selector: ':3' });
    expect(parseSelector('top:prod')).toEqual({ name: 'top', label: 'prod', selector: ':prod' });
    expect(parseSelector('arn:aws:ssm:us-east-1:123456789012:parameter/a/b:2')).toEqual({ name: '/a/b', version: 2, selector: ':2' });
    expect(parseSelector('arn:aws:ssm:us-east-1:123456789012:parameter/top')).toEqual({ name: 'top' });
  });
});
