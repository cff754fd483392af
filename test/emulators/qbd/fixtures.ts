import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createQbdEmulator, QbdConnection, type QbdEmulator } from '../../../emulators/qbd/index.js';

/** A qbXML 13.0 request document holding the given request elements. */
export function qbxmlRequest(body: string, onError: 'stopOnError' | 'continueOnError' = 'stopOnError'): string {
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="${onError}">${body}</QBXMLMsgsRq></QBXML>`;
}

export interface Harness {
  emu: QbdEmulator;
  connection: QbdConnection;
  /** Sends a request document and returns the response XML; fails the test on an HRESULT. */
  send(body: string, onError?: 'stopOnError' | 'continueOnError'): string;
}

export function startHarness(options: Parameters<typeof createQbdEmulator>[0] = {}): Harness {
  const emu = createQbdEmulator({ startAt: new Date('2026-03-02T10:00:00Z'), ...options });
  const connection = new QbdConnection();
  return {
    emu,
    connection,
    send(body, onError) {
      const result = emu.processor.process(connection, qbxmlRequest(body, onError));
      if (result.kind !== 'response') throw new Error(`${result.hresult}: ${result.detail}`);
      return result.xml;
    },
  };
}

/** Attributes of each `<name …>` start tag in document order. */
export function statusesOf(xml: string, name: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${name}((?:\\s+[A-Za-z]+="[^"]*")*)>`, 'g'))].map((match) =>
    Object.fromEntries([...(match[1] ?? '').matchAll(/([A-Za-z]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', a[2] ?? ''])),
  );
}

/** Text of every `<name>…</name>` in document order. */
export function textsOf(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((match) => match[1] ?? '');
}

/**
 * Intuit's qbXML 13.0 schemas and the Web Connector WSDL are not shipped in the repository (their licences); tests
 * validate against them when QBXML_XSD_DIR (default data/qbxml-xsd) holds qbxmlops130.xsd, QBWC_WSDL (default
 * data/qbwc/QBWebConnectorSvc.wsdl) exists, and xmllint is installed. See emulators/README.md.
 */
export const schemaDir = resolve(process.env.QBXML_XSD_DIR ?? 'data/qbxml-xsd');
const wsdlPath = resolve(process.env.QBWC_WSDL ?? 'data/qbwc/QBWebConnectorSvc.wsdl');

function xmllintAvailable(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
function skipUnless(file: string): string | false {
  if (!existsSync(file)) return `${file} is absent`;
  return xmllintAvailable() ? false : 'xmllint is not installed';
}
export const schemaValidationSkip = skipUnless(join(schemaDir, 'qbxmlops130.xsd'));
export const wsdlValidationSkip = skipUnless(wsdlPath);

/** xmllint's complaint about a document against a schema file, or undefined when it is valid. */
function validate(schemaFile: string, xml: string): string | undefined {
  const file = join(mkdtempSync(join(tmpdir(), 'qbd-xml-')), 'doc.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', schemaFile, file], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

/** Validates a qbXML document against qbxmlops130.xsd. */
export function schemaErrors(xml: string): string | undefined {
  return validate(join(schemaDir, 'qbxmlops130.xsd'), xml);
}

/** Validates the body of a SOAP envelope against the schema embedded in the Web Connector WSDL. */
export function soapBodyErrors(envelope: string): string | undefined {
  const schema = /<s:schema[\s\S]*?<\/s:schema>/.exec(readFileSync(wsdlPath, 'utf8'))?.[0] ?? '';
  const schemaFile = join(mkdtempSync(join(tmpdir(), 'qbwc-xsd-')), 'qbwc.xsd');
  writeFileSync(
    schemaFile,
    schema.replace(
      '<s:schema ',
      '<s:schema xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://developer.intuit.com/" ',
    ),
  );
  const body = /<soap:Body>([\s\S]*)<\/soap:Body>/.exec(envelope)?.[1] ?? envelope;
  return validate(schemaFile, body);
}
