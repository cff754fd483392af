import { isIP } from 'node:net';
import { z } from 'zod';
import { childNamed, parseXmlDocument, QbxmlParseError, type XmlNode } from './qbxml.js';

/** A .qwc file the Web Connector refuses to add, with the QBWC error it shows. */
export class QwcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const guid = z.string().regex(/^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/);
const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

const qwcSchema = z.object({
  AppName: z.string().min(1),
  AppID: z.string(),
  AppURL: z.url(),
  AppDescription: z.string(),
  AppSupport: z.url(),
  UserName: z.string().min(1),
  OwnerID: guid,
  FileID: guid,
  QBType: z.enum(['QBFS', 'QBPOS']),
  IsReadOnly: booleanText.optional(),
});

export interface QwcFile {
  appName: string;
  appUrl: string;
  appSupport: string;
  userName: string;
  ownerId: string;
  fileId: string;
  qbType: 'QBFS' | 'QBPOS';
  isReadOnly: boolean;
  /** From Scheduler: the first of RunEveryNMinutes / RunEveryNSeconds, in seconds; absent when not scheduled. */
  runEveryNSeconds: number | undefined;
}

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether QBWC may call this URL over plain HTTP: only on the machine itself. */
export function isLocalHost(url: URL): boolean {
  return localHosts.has(url.hostname);
}

/** The last two labels of the host name (sync.example.com and help.example.com share example.com). */
function domainOf(url: URL): string {
  return url.hostname.split('.').slice(-2).join('.');
}

function scheduleSeconds(scheduler: XmlNode | undefined): number | undefined {
  // The first interval element wins when both are present.
  const first = scheduler?.children.find((c) => c.name === 'RunEveryNMinutes' || c.name === 'RunEveryNSeconds');
  if (!first) return undefined;
  const value = z.coerce.number().int().positive().safeParse(first.text);
  if (!value.success) throw new QwcError('QBWC1039', `${first.name} "${first.text}" is not a whole number`);
  return first.name === 'RunEveryNMinutes' ? value.data * 60 : value.data;
}

/**
 * Reads a .qwc file as the Web Connector does when it is added: required elements, GUIDs, and the URL rules
 * (HTTPS unless local, host names rather than IP addresses, AppURL and AppSupport on one domain).
 */
export function parseQwc(xml: string): QwcFile {
  let root: XmlNode | undefined;
  try {
    root = parseXmlDocument(xml).find((node) => node.name === 'QBWCXML');
  } catch (error) {
    if (error instanceof QbxmlParseError) throw new QwcError('QBWC1039', `not well-formed XML: ${error.message}`);
    throw error;
  }
  if (!root) throw new QwcError('QBWC1039', 'the root element must be QBWCXML');
  const fields = Object.fromEntries(root.children.filter((c) => c.children.length === 0).map((c) => [c.name, c.text]));
  const parsed = qwcSchema.safeParse(fields);
  if (!parsed.success) throw new QwcError('QBWC1039', z.prettifyError(parsed.error));
  const file = parsed.data;
  const appUrl = new URL(file.AppURL);
  const support = new URL(file.AppSupport);
  if (isIP(appUrl.hostname.replace(/^\[|\]$/g, '')) !== 0 && !isLocalHost(appUrl))
    throw new QwcError('QBWC1001', `AppURL ${file.AppURL} must name a host, not an IP address`);
  if (isIP(support.hostname.replace(/^\[|\]$/g, '')) !== 0 && !isLocalHost(support))
    throw new QwcError('QBWC1002', `AppSupport ${file.AppSupport} must name a host, not an IP address`);
  if (appUrl.protocol !== 'https:' && !isLocalHost(appUrl))
    throw new QwcError('QBWC1010', `AppURL ${file.AppURL} must use HTTPS (only a local host may use HTTP)`);
  if (domainOf(appUrl) !== domainOf(support))
    throw new QwcError(
      'QBWC1000',
      `AppURL and AppSupport must be on the same domain (${appUrl.hostname}, ${support.hostname})`,
    );
  return {
    appName: file.AppName,
    appUrl: file.AppURL,
    appSupport: file.AppSupport,
    userName: file.UserName,
    ownerId: file.OwnerID,
    fileId: file.FileID,
    qbType: file.QBType,
    isReadOnly: file.IsReadOnly ?? false,
    runEveryNSeconds: scheduleSeconds(childNamed(root, 'Scheduler')),
  };
}

/** Web Connector settings for a .qwc file and the password the user typed into QBWC (it is never in the file). */
export function qwcSettings(file: QwcFile, password: string) {
  if (file.qbType !== 'QBFS') throw new QwcError('QBWC1039', 'the emulator models QuickBooks Financial (QBFS) only');
  return {
    appUrl: file.appUrl,
    userName: file.userName,
    password,
    ...(file.runEveryNSeconds === undefined ? {} : { runEveryNSeconds: file.runEveryNSeconds }),
  };
}
