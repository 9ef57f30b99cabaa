// Shape-driven XML input: a document is parsed into plain nodes (all text kept as strings), then the
// model says how each member reads: by element name in any order, attributes, wrapped or flattened lists and maps.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MemberRef, ServiceModel } from './model';
import { parseTimestamp } from './timestamps';

/** The document is not well-formed, or does not fit the shape. */
export class XmlReadError extends Error {}

export interface XmlNode {
  name: string; // local name, without a namespace prefix
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

// Entities are decoded here rather than by the parser, so numeric references (&#xD;) decode too
// and a DOCTYPE can never define entities that expand.
const parser = new XMLParser({
  preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false,
  parseAttributeValue: false, trimValues: false, processEntities: false, cdataPropName: '#cdata',
  ignoreDeclaration: true, ignorePiTags: true,
});

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

type Parsed = Record<string, unknown>[];

function toNodes(items: Parsed): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const tag = Object.keys(item).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
    if (!tag) continue;
    nodes.push(toNode(tag, item[tag] as Parsed, item[':@'] as Record<string, string> | undefined));
  }
  return nodes;
}

function toNode(tag: string, content: Parsed, rawAttrs: Record<string, string> = {}): XmlNode {
  let text = '';
  for (const item of content) {
    if ('#text' in item) text += decodeEntities(String(item['#text']));
    else if ('#cdata' in item) text += (item['#cdata'] as Parsed).map((c) => String(c['#text'] ?? '')).join('');
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeEntities(String(v));
  return { name: localName(tag), attrs, children: toNodes(content), text };
}

/** The root element of a document; throws XmlReadError when it is not well-formed. */
export function parseXml(body: Buffer | string): XmlNode {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (XMLValidator.validate(text) !== true) throw new XmlReadError('not well-formed');
  let parsed: Parsed;
  try {
    parsed = parser.parse(text) as Parsed;
  } catch (err) {
    // The parser's own limits (nesting depth, external entities) mean the document is not acceptable.
    throw new XmlReadError((err as Error).message);
  }
  const roots = toNodes(parsed);
  if (roots.length !== 1) throw new XmlReadError('expected one root element');
  return roots[0];
}

/** A document whose root is `rootName`, read as the typed value of `ref`; undefined for an empty body. */
export function readXmlDocument(model: ServiceModel, ref: MemberRef, rootName: string, body: Buffer | string): unknown {
  if (!String(body).trim()) return undefined;
  const root = parseXml(body);
  if (root.name !== localName(rootName)) throw new XmlReadError(`expected root element ${rootName}, found ${root.name}`);
  return readXmlValue(model, ref, [root]);
}

/** The XML name a member's elements carry; a flattened list repeats its member's name. */
function memberXmlName(model: ServiceModel, ref: MemberRef, name: string): string {
  const shape = model.shapes[ref.shape];
  if (shape.type === 'list' && (ref.flattened || shape.flattened) && shape.member?.locationName) return localName(shape.member.locationName);
  return localName(ref.locationName ?? name);
}

/** The members of a structure element; members bound to the URI, query or headers are not in XML. */
export function readXmlStructure(model: ServiceModel, shapeName: string, node: XmlNode): Record<string, unknown> {
  const byName = new Map<string, XmlNode[]>();
  for (const child of node.children) {
    if (!byName.has(child.name)) byName.set(child.name, []);
    byName.get(child.name)!.push(child);
  }
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(model.shapes[shapeName].members ?? {})) {
    if (ref.location) continue;
    if (ref.xmlAttribute) {
      const attr = ref.locationName ?? name;
      const value = node.attrs[attr] ?? Object.entries(node.attrs).find(([k]) => localName(k) === localName(attr))?.[1];
      if (value !== undefined) out[name] = readXmlScalar(model, ref, value);
      continue;
    }
    const nodes = byName.get(memberXmlName(model, ref, name));
    if (nodes) out[name] = readXmlValue(model, ref, nodes);
  }
  return out;
}

/** The elements of one member (several when it is a flattened list or map) → its typed value. */
export function readXmlValue(model: ServiceModel, ref: MemberRef, nodes: XmlNode[]): unknown {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure':
      return readXmlStructure(model, ref.shape, nodes[0]);
    case 'list': {
      const items = ref.flattened || shape.flattened ? nodes : nodes[0].children;
      return items.map((item) => readXmlValue(model, shape.member!, [item]));
    }
    case 'map': {
      const entries = ref.flattened || shape.flattened ? nodes : nodes[0].children;
      const keyName = localName(shape.key!.locationName ?? 'key');
      const valueName = localName(shape.value!.locationName ?? 'value');
      const out: Record<string, unknown> = {};
      for (const entry of entries) {
        const key = entry.children.find((c) => c.name === keyName);
        const value = entry.children.find((c) => c.name === valueName);
        if (!key) throw new XmlReadError(`map entry without ${keyName}`);
        out[key.text] = value ? readXmlValue(model, shape.value!, [value]) : undefined;
      }
      return out;
    }
    default:
      return readXmlScalar(model, ref, nodes[0].text);
  }
}

function readXmlScalar(model: ServiceModel, ref: MemberRef, text: string): unknown {
  const shape = model.shapes[ref.shape];
  const t = text.trim();
  const bad = (expected: string): never => {
    throw new XmlReadError(`'${text}' is not ${expected}`);
  };
  switch (shape.type) {
    case 'integer': case 'long':
      return /^[-+]?\d+$/.test(t) ? Number.parseInt(t, 10) : bad('an integer');
    case 'float': case 'double': {
      if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return Number(t);
      const n = t === '' ? Number.NaN : Number(t);
      return Number.isNaN(n) ? bad('a number') : n;
    }
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : bad('a boolean');
    case 'timestamp':
      return parseTimestamp(t) ?? bad('a timestamp');
    case 'blob':
      return Buffer.from(t, 'base64');
    default:
      return text;
  }
}
