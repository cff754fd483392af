import { XMLParser, XMLValidator } from 'fast-xml-parser';

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
