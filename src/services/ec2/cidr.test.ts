import { describe, expect, it } from 'vitest';
import { cidrString, contains, nextFreeAddress, overlaps, parseCidr, size } from './cidr';

const c = (t: string) => parseCidr(t)!;

describe('cidr', () => {
  it('parses and masks the base', () => {
    expect(cidrString(c('10.0.0.1/16'))).toBe('10.0.0.0/16');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('300.0.0.0/16')).toBeUndefined();
    expect(parseCidr('nonsense')).toBeUndefined();
    expect(size(c('172.31.0.0/20'))).toBe(4096);
  });
  it('knows containment and overlap', () => {
    expect(contains(c('172.31.0.0/16'), c('172.31.16.0/20'))).toBe(true);
    expect(contains(c('172.31.0.0/16'), c('172.32.0.0/20'))).toBe(false);
    expect(overlaps(c('10.0.0.0/24'), c('10.0.0.128/25'))).toBe(true);
    expect(overlaps(c('10.0.0.0/24'), c('10.0.1.0/24'))).toBe(false);
  });
  it('hands out addresses from .4, skipping used ones', () => {
    expect(nextFreeAddress(c('10.0.1.0/24'), new Set())).toBe('10.0.1.4');
    expect(nextFreeAddress(c('10.0.1.0/24'), new Set(['10.0.1.4']))).toBe('10.0.1.5');
  });
});
