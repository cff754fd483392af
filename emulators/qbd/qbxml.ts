import { XMLParser } from 'fast-xml-parser';

/** One XML element with its attributes, child elements in document order, and its own text. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A document that is not well-formed, or not a qbXML 13.0 request QuickBooks would accept. */
export class QbxmlParseError extends Error {}

type OrderedEntry = Record<string, unknown>;

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

function toNode(entry: OrderedEntry): XmlNode | undefined {
  const name = Object.keys(entry).find((key) => key !== ':@');
  if (name === undefined || name === '#text') return undefined;
  const attributes = (entry[':@'] as Record<string, string> | undefined) ?? {};
  const content = (entry[name] as OrderedEntry[] | undefined) ?? [];
  const children: XmlNode[] = [];
  let text = '';
  for (const item of content) {
    if ('#text' in item) text += String(item['#text']);
    else {
      const child = toNode(item);
      if (child) children.push(child);
    }
  }
  return { name, attributes, children, text };
}

/** Parses a document into its top-level nodes, processing instructions (`?xml`, `?qbxml`) included. */
export function parseXmlDocument(xml: string): XmlNode[] {
  let entries: OrderedEntry[];
  try {
    entries = orderedParser.parse(xml, true) as OrderedEntry[];
  } catch (error) {
    throw new QbxmlParseError(error instanceof Error ? error.message : String(error));
  }
  return entries.map(toNode).filter((node): node is XmlNode => node !== undefined);
}

export function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((child) => child.name === name);
}

export function escapeXml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Children of an element being built: absent optional elements are written as `undefined` and skipped. */
export type XmlContent = string | (XmlNode | undefined)[];

export function element(name: string, content: XmlContent = [], attributes: Record<string, string> = {}): XmlNode {
  return typeof content === 'string'
    ? { name, attributes, children: [], text: content }
    : { name, attributes, children: content.filter((c): c is XmlNode => c !== undefined), text: '' };
}

/** An element with text, or nothing when the value is absent. */
export function optionalText(name: string, value: string | number | boolean | undefined): XmlNode | undefined {
  return value === undefined ? undefined : element(name, String(value));
}

export function renderXml(node: XmlNode): string {
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  if (node.children.length === 0) return `<${node.name}${attributes}>${escapeXml(node.text)}</${node.name}>`;
  return `<${node.name}${attributes}>${node.children.map(renderXml).join('')}</${node.name}>`;
}

export const qbxmlVersion = '13.0';

/** A qbXML document: the XML declaration, the `qbxml` version instruction, then the QBXML root. */
export function renderQbxmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${qbxmlVersion}"?>\n${renderXml(root)}`;
}
