import { describe, expect, it } from 'vitest';
import { bareId, canonicalName, inZone, sortKey } from './names';
import { valueProblem } from './record-values';
import { parseNet } from './health/targets';

describe('DNS names as Route 53 stores them', () => {
  it('lower-cases, adds the trailing dot and escapes in octal', () => {
    expect(canonicalName('WWW.Example.com')).toBe('www.example.com.');
    expect(canonicalName('*.example.com.')).toBe('\\052.example.com.');
    expect(canonicalName('\\052.example.com')).toBe('\\052.example.com.');
    expect(canonicalName('a b.example.com')).toBeUndefined();
    expect(canonicalName('a..b')).toBeUndefined();
    expect(canonicalName(`${'x'.repeat(64)}.com`)).toBeUndefined();
  });

  it('sorts by reversed labels and knows the zone a name is in', () => {
    expect(sortKey('www.example.com.')).toBe('com.example.www');
    expect(inZone('www.example.com.', 'example.com.')).toBe(true);
    expect(inZone('wwwexample.com.', 'example.com.')).toBe(false);
    expect(bareId('/hostedzone/Z123')).toBe('Z123');
  });
});

describe('record values', () => {
  it('checks each type as Route 53 does', () => {
    expect(valueProblem('A', '192.0.2.1')).toBeUndefined();
    expect(valueProblem('A', '192.0.2.01')).toMatch(/ARRDATAIllegalIPv4Address/);
    expect(valueProblem('AAAA', '2001:db8::1')).toBeUndefined();
    expect(valueProblem('AAAA', '192.0.2.1')).toMatch(/AAAARRDATAIllegalIPv6Address/);
    expect(valueProblem('MX', '10 mail.example.com')).toBeUndefined();
    expect(valueProblem('MX', 'mail.example.com')).toMatch(/MXRRDATA/);
    expect(valueProblem('TXT', '"a" "b"')).toBeUndefined();
    expect(valueProblem('TXT', 'word')).toBeUndefined();
    expect(valueProblem('TXT', `"${'x'.repeat(256)}"`)).toMatch(/CharacterStringTooLong/);
    expect(valueProblem('SRV', '1 2 70000 x.example.com')).toMatch(/SRVRRDATA/);
    expect(valueProblem('CAA', '0 issue "amazon.com"')).toBeUndefined();
    expect(valueProblem('DS', '1 13 2 ZZ')).toMatch(/DSRRDATA/);
    expect(valueProblem('CNAME', 'a..b')).toMatch(/DomainLabelEmpty/);
  });

  it('parses CIDRs of both families', () => {
    expect(parseNet('10.0.0.0/8')).toEqual({ v6: false, base: 10n, bits: 8 });
    expect(parseNet('2001:db8::/32')?.bits).toBe(32);
    expect(parseNet('10.0.0.0/33')).toBeUndefined();
  });
});
