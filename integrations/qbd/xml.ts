import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed element: children by qualified name, attributes as `@_name`, text as `#text` beside attributes. */
export type XmlElement = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Every value stays text: zod decides what is a number.
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#233;) are decoded too.
  htmlEntities: true,
});

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/**
 * Parses a document after checking it is well-formed, so a truncated or garbled body is refused with the place it
 * breaks instead of read half-way. A document type declaration is refused: neither SOAP nor qbXML has one, and its
 * entities could expand without bound.
 */
export function parseXml(text: string, what: string): XmlElement {
  if (/<!DOCTYPE/i.test(text))
    throw new XmlSyntaxError(`${what} has a document type declaration, which is not allowed`);
  const checked = XMLValidator.validate(text);
  if (checked !== true) {
    const { msg, line, col } = checked.err;
    throw new XmlSyntaxError(`${what} is not well-formed XML (line ${line}, column ${col}): ${msg}`);
  }
  return parser.parse(text) as XmlElement;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a quoted attribute. */
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]!);

export const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

export const isElement = (value: unknown): value is XmlElement =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const unescapes: Record<string, string> = Object.fromEntries(Object.entries(escapes).map(([c, e]) => [e, c]));

/** The text `escapeXml` escaped. */
export const unescapeXml = (text: string): string => text.replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => unescapes[e]!);

// Entities stay as written, both ways, so an element's markup comes out as it went in (up to empty-element tags).
const orderedOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: false,
} as const;
const orderedParser = new XMLParser(orderedOptions);
const orderedBuilder = new XMLBuilder(orderedOptions);

type OrderedNode = Record<string, unknown>;
const childrenNamed = (nodes: OrderedNode[], name: string): OrderedNode[] | undefined =>
  nodes.find((node) => name in node)?.[name] as OrderedNode[] | undefined;

/**
 * The markup of each child element of the element at `path` (element names from the root), in document order, text
 * between them left out. For a document `parseXml` accepted; an element missing on the path gives none.
 */
export function childElementMarkup(text: string, path: readonly string[]): { name: string; markup: string }[] {
  let nodes: OrderedNode[] | undefined = orderedParser.parse(text) as OrderedNode[];
  for (const name of path) nodes = nodes === undefined ? undefined : childrenNamed(nodes, name);
  return (nodes ?? []).flatMap((node) => {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));
    return name === undefined ? [] : [{ name, markup: orderedBuilder.build([node]) }];
  });
}
