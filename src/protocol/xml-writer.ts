// Shape-driven XML output, shared by the query, ec2 and rest-xml protocols.
import type { MemberRef, ServiceModel } from './model';
import { formatTimestamp, type TimestampFormat } from './timestamps';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"'\r\n]/g, (c) => XML_ESCAPES[c]);
}
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;', '\n': '&#xA;' };

function scalarText(model: ServiceModel, shapeName: string, value: unknown, tsFormat?: TimestampFormat): string {
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'timestamp': return String(formatTimestamp(value as Date, tsFormat ?? shape.timestampFormat ?? 'iso8601'));
    case 'blob': return Buffer.isBuffer(value) ? value.toString('base64') : Buffer.from(String(value)).toString('base64');
    case 'float': case 'double': {
      const n = value as number;
      return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n);
    }
    default: return escapeXml(String(value));
  }
}

function nsAttr(ns?: { uri: string; prefix?: string }): string {
  if (!ns) return '';
  return ns.prefix ? ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"` : ` xmlns="${escapeXml(ns.uri)}"`;
}

/** Writes the members of a structure (without its own element) into parts. */
export function writeXmlMembers(model: ServiceModel, shapeName: string, value: Record<string, unknown>, parts: string[]): void {
  const shape = model.shapes[shapeName];
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location || ref.xmlAttribute) continue;
    const v = value[name];
    if (v === undefined || v === null) continue;
    writeXmlElement(model, ref, ref.locationName ?? name, v, parts);
  }
}

function attributesOf(model: ServiceModel, shapeName: string, value: Record<string, unknown>): string {
  let attrs = '';
  for (const [name, ref] of Object.entries(model.shapes[shapeName].members ?? {})) {
    if (!ref.xmlAttribute || value[name] === undefined) continue;
    attrs += ` ${ref.locationName ?? name}="${scalarText(model, ref.shape, value[name])}"`;
  }
  return attrs;
}

export function writeXmlElement(model: ServiceModel, ref: MemberRef, name: string, value: unknown, parts: string[], ns?: { uri: string; prefix?: string }): void {
  const shape = model.shapes[ref.shape];
  const nsText = nsAttr(ref.xmlNamespace ?? ns ?? shape.xmlNamespace);
  switch (shape.type) {
    case 'structure': {
      const obj = value as Record<string, unknown>;
      parts.push(`<${name}${nsText}${attributesOf(model, ref.shape, obj)}>`);
      writeXmlMembers(model, ref.shape, obj, parts);
      parts.push(`</${name}>`);
      return;
    }
    case 'list': {
      const items = value as unknown[];
      const member = shape.member!;
      if (ref.flattened || shape.flattened) {
        const itemName = member.locationName ?? name;
        for (const item of items) writeXmlElement(model, member, itemName, item, parts);
        return;
      }
      parts.push(`<${name}${nsText}>`);
      for (const item of items) writeXmlElement(model, member, member.locationName ?? 'member', item, parts);
      parts.push(`</${name}>`);
      return;
    }
    case 'map': {
      const keyName = shape.key!.locationName ?? 'key';
      const valueName = shape.value!.locationName ?? 'value';
      const flat = ref.flattened || shape.flattened;
      if (!flat) parts.push(`<${name}${nsText}>`);
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        parts.push(flat ? `<${name}>` : '<entry>');
        writeXmlElement(model, shape.key!, keyName, k, parts);
        writeXmlElement(model, shape.value!, valueName, v, parts);
        parts.push(flat ? `</${name}>` : '</entry>');
      }
      if (!flat) parts.push(`</${name}>`);
      return;
    }
    default:
      parts.push(`<${name}${nsText}>${scalarText(model, ref.shape, value, ref.timestampFormat)}</${name}>`);
  }
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
