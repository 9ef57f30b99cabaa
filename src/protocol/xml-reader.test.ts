// The shape-driven XML reader on documents the real models don't produce: maps, flattened lists and maps,
// entities and CDATA, namespace prefixes, attributes, and element order.
import { describe, expect, it } from 'vitest';
import type { ServiceModel } from './model';
import { parseXml, readXmlDocument, XmlReadError } from './xml-reader';
import { writeXmlElement } from './xml-writer';

const model = {
  name: 'synthetic', metadata: { protocol: 'rest-xml' }, operations: {}, paginators: {},
  shapes: {
    Doc: {
      type: 'structure',
      members: {
        Name: { shape: 'Str' },
        Count: { shape: 'Long', locationName: 'count' },
        Ratio: { shape: 'Dbl' },
        On: { shape: 'Bool' },
        When: { shape: 'Time' },
        Data: { shape: 'Blob' },
        Kind: { shape: 'Str', xmlAttribute: true, locationName: 'xsi:type' },
        Id: { shape: 'Str', xmlAttribute: true, locationName: 'id' },
        Wrapped: { shape: 'StrList' },
        Flat: { shape: 'FlatList' },
        Named: { shape: 'NamedFlatList', flattened: true },
        Attrs: { shape: 'StrMap' },
        FlatAttrs: { shape: 'NamedMap', flattened: true, locationName: 'Attr' },
        Header: { shape: 'Str', location: 'header', locationName: 'Name' },
        Child: { shape: 'Doc' },
      },
    },
    Str: { type: 'string' }, Long: { type: 'long' }, Dbl: { type: 'double' }, Bool: { type: 'boolean' },
    Time: { type: 'timestamp' }, Blob: { type: 'blob' },
    StrList: { type: 'list', member: { shape: 'Str', locationName: 'Item' } },
    FlatList: { type: 'list', member: { shape: 'Str' }, flattened: true },
    NamedFlatList: { type: 'list', member: { shape: 'Str', locationName: 'One' } },
    StrMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Long' } },
    NamedMap: { type: 'map', key: { shape: 'Str', locationName: 'K' }, value: { shape: 'Str', locationName: 'V' } },
  },
} as unknown as ServiceModel;

const ref = { shape: 'Doc' };

function read(xml: string): unknown {
  return readXmlDocument(model, ref, 'Doc', xml);
}

describe('xml-reader', () => {
  it('reads every shape kind, in any element order, ignoring unknown elements', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <Doc xmlns="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Special" id="d1">
        <Flat>b</Flat><Unknown><Deep/></Unknown>
        <Name>  spaced &amp; &lt;escaped&gt; &#xD;&#10;&#233;  </Name>
        <count>9007199254740</count><Ratio>-1.5e3</Ratio><On>true</On>
        <When>2024-01-02T03:04:05.678Z</When><Data>aGVsbG8=</Data>
        <Wrapped><Item>x</Item><Item>y</Item></Wrapped>
        <Flat>a</Flat>
        <One>1</One><One>2</One>
        <Attrs><entry><key>a</key><value>1</value></entry><entry><key>b</key><value>2</value></entry></Attrs>
        <Attr><K>k1</K><V>v1</V></Attr><Attr><K>k2</K><V><![CDATA[<raw> &amp;]]></V></Attr>
        <Child><Name>inner</Name><On>false</On></Child>
      </Doc>`;
    expect(read(xml)).toEqual({
      Name: '  spaced & <escaped> \r\né  ', Count: 9007199254740, Ratio: -1500, On: true, When: new Date('2024-01-02T03:04:05.678Z'),
      Data: Buffer.from('hello'), Kind: 'Special', Id: 'd1', Wrapped: ['x', 'y'], Flat: ['b', 'a'], Named: ['1', '2'],
      Attrs: { a: 1, b: 2 }, FlatAttrs: { k1: 'v1', k2: '<raw> &amp;' }, Child: { Name: 'inner', On: false },
    });
  });

  it('reads what the XML writer writes', () => {
    const value = { Name: 'a&b "c"\r\n', Count: 3, On: false, Wrapped: ['1'], Named: ['x', 'y'], Attrs: { k: 5 }, FlatAttrs: { p: 'q' }, Id: 'i', Child: { Name: 'c' } };
    const parts: string[] = [];
    writeXmlElement(model, ref, 'Doc', value, parts);
    expect(read(parts.join(''))).toEqual(value);
  });

  it('matches elements by local name, whatever their prefix', () => {
    expect(read('<s:Doc xmlns:s="urn:s"><s:Name>n</s:Name><s:Wrapped><s:Item>i</s:Item></s:Wrapped></s:Doc>')).toEqual({ Name: 'n', Wrapped: ['i'] });
  });

  it('leaves an empty body out and an empty element as an empty string', () => {
    expect(read('')).toBeUndefined();
    expect(read('<Doc><Name/><Wrapped/></Doc>')).toEqual({ Name: '', Wrapped: [] });
  });

  it.each([
    ['<Doc><Name>x</Doc>'],
    ['<Doc>'],
    ['plain text'],
    ['<Other/>'],
    ['<Doc/><Doc/>'],
    ['<Doc><count>1.5</count></Doc>'],
    ['<Doc><On>yes</On></Doc>'],
    ['<Doc><When>someday</When></Doc>'],
    ['<Doc><Ratio>half</Ratio></Doc>'],
    ['<Doc><Attrs><entry><value>1</value></entry></Attrs></Doc>'],
  ])('rejects %s', (xml) => {
    expect(() => read(xml)).toThrow(XmlReadError);
  });

  it('never expands entities a DOCTYPE defines', () => {
    const root = parseXml('<!DOCTYPE Doc [<!ENTITY boom "BOOM">]><Doc><Name>&boom;</Name></Doc>');
    expect(root.children[0].text).toBe('&boom;');
  });
});
