import { createQbdEmulator, QbdConnection, type QbdEmulator } from '../../../emulators/qbd/index.js';

export interface EmulatedCompany {
  emu: QbdEmulator;
  /** Each request document sent, in order. */
  sent: string[];
  /** Sends a request document to the company file's request processor, as QuickBooks' QBXMLRP2 would. */
  send: (requestXml: string) => Promise<string>;
}

/** A company file whose request processor answers `send`, as QuickBooks would behind the Web Connector. */
export function emulatedCompany(options: Parameters<typeof createQbdEmulator>[0] = {}): EmulatedCompany {
  const emu = createQbdEmulator({ startAt: new Date('2026-03-02T10:00:00Z'), ...options });
  const connection = new QbdConnection();
  const sent: string[] = [];
  return {
    emu,
    sent,
    send: (requestXml) => {
      sent.push(requestXml);
      const result = emu.processor.process(connection, requestXml);
      if (result.kind !== 'response') return Promise.reject(new Error(`${result.hresult}: ${result.detail}`));
      return Promise.resolve(result.xml);
    },
  };
}
