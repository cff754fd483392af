import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { escapeXml } from './xml.js';

/**
 * The Web Connector refuses plain HTTP to anything but localhost (QBWC1010) and IP-address hosts (QBWC1001/1002).
 */
export const appUrlSchema = z.url().refine(
  (value) => {
    const url = new URL(value);
    const isIp = isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
    return !isIp && (url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost'));
  },
  { message: 'an https:// URL with a host name (http:// only for localhost)' },
);

/**
 * How often the Web Connector runs, in seconds: whole minutes (its own screen goes no lower than one), or seconds,
 * which only a .qwc file can ask for (it shows them as "Real Time"); at most a day.
 */
export const runEverySecondsSchema = z
  .number()
  .int()
  .min(1)
  .max(24 * 60 * 60);

export const qwcOptionsSchema = z.object({
  connectionId: z.string().min(1),
  displayName: z.string().min(1),
  appUrl: appUrlSchema,
  username: z.string().min(1),
  runEverySeconds: runEverySecondsSchema,
});

export type QwcOptions = z.input<typeof qwcOptionsSchema>;

/** The name a connection's .qwc file is saved under. */
export const qwcFileName = (connectionId: string): string => `${connectionId}.qwc`;

/** A GUID in the Web Connector's braced form, the same for the same seed (the .qwc can be made again). */
function stableGuid(seed: string): string {
  const hex = createHash('sha256').update(seed, 'utf8').digest('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/**
 * The .qwc file that adds a connection to the Web Connector. OwnerID and FileID are derived from the connection, so
 * a file made again is the same application to QuickBooks; each connection gets its own AppName, OwnerID and FileID
 * (the Web Connector needs them distinct per company file). The password is never in the file: the user types it.
 */
export function qwcFile(options: QwcOptions): string {
  const o = qwcOptionsSchema.parse(options);
  const appUrl = new URL(o.appUrl);
  const element = (name: string, value: string) => `  <${name}>${escapeXml(value)}</${name}>`;
  // Whole minutes as minutes; anything else only the seconds element can say.
  const interval =
    o.runEverySeconds % 60 === 0
      ? element('RunEveryNMinutes', String(o.runEverySeconds / 60))
      : element('RunEveryNSeconds', String(o.runEverySeconds));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<QBWCXML>',
    element('AppName', `qzsync ${o.connectionId}`),
    element('AppID', ''),
    element('AppURL', appUrl.href),
    element('AppDescription', `Inventory sync between QuickBooks Desktop and Zuper for ${o.displayName}`.slice(0, 80)),
    // Same host as AppURL (QBWC1000); the Web Connector expects it to answer 200.
    element('AppSupport', new URL('/healthz', appUrl).href),
    element('UserName', o.username),
    element('OwnerID', stableGuid(`qwc-owner:${o.connectionId}`)),
    element('FileID', stableGuid(`qwc-file:${o.connectionId}`)),
    element('QBType', 'QBFS'),
    element('IsReadOnly', 'false'),
    `  <Scheduler>\n  ${interval}\n  </Scheduler>`,
    '</QBWCXML>',
    '',
  ].join('\n');
}
