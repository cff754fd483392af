import { EmulatorClock } from '../common/clock.js';
import { QbdEmulatorAdmin } from './admin.js';
import { QbdCompany, type CompanyOptions } from './company.js';
import { qbdStateFile, type QbdPersistence } from './state.js';
import { QbdProcessor } from './processor.js';
import { WebConnectorSimulator, type WebConnectorSettingsInput } from './web-connector.js';

export { QbdCompany, QbdStatus, type Item } from './company.js';
export { QbdConnection, QbdProcessor, hresults, type ProcessResult } from './processor.js';
export { QbdEmulatorAdmin } from './admin.js';
export { parseQwc, qwcSettings, QwcError, type QwcFile } from './qwc.js';
export {
  WebConnectorSimulator,
  type SessionReport,
  type WebConnectorFaults,
  type WebConnectorSettingsInput,
} from './web-connector.js';

export interface QbdEmulatorOptions extends CompanyOptions {
  /** > 1 shrinks the Web Connector's schedule and pauses by this factor. */
  timeScale?: number;
  startAt?: Date;
  /** Nominal time an idle iterator lives (default 20 minutes); QuickBooks answers 3391 afterwards. */
  iteratorIdleMs?: number;
  /**
   * A JSON file holding the company file across restarts (emulators/README.md, "Persistence"); none keeps it in
   * memory only. A saved file's own settings (path, sites, offset) win over the options above.
   */
  stateFile?: string;
}

export interface QbdEmulator {
  clock: EmulatorClock;
  company: QbdCompany;
  processor: QbdProcessor;
  admin: QbdEmulatorAdmin;
  /** Attaches the Web Connector that polls the service at `appUrl`; start() runs its schedule. */
  connectWebConnector(settings: WebConnectorSettingsInput): WebConnectorSimulator;
  /** Stops the Web Connector's schedule (after its current session) and writes the state file a last time. */
  close(): Promise<void>;
}

/** A QuickBooks Desktop company file, its request processor and (once connected) a Web Connector driving a service. */
export function createQbdEmulator(options: QbdEmulatorOptions = {}): QbdEmulator {
  const clock = new EmulatorClock({
    timeScale: options.timeScale ?? 1,
    ...(options.startAt ? { startAt: options.startAt } : {}),
  });
  const company = new QbdCompany(clock, options);
  let persistence: QbdPersistence | undefined;
  // A change the service or a test saw is on disk: saved before QuickBooks' answer leaves or the admin call returns.
  const afterChange = () => persistence?.afterChange();
  const processor = new QbdProcessor(company, clock, {
    iteratorIdleMs: options.iteratorIdleMs ?? 20 * 60_000,
    afterProcess: afterChange,
  });
  if (options.stateFile !== undefined) persistence = qbdStateFile(options.stateFile, { clock, company, processor });
  let connector: WebConnectorSimulator | undefined;
  const admin = new QbdEmulatorAdmin(company, processor, clock, () => connector, afterChange);
  return {
    clock,
    company,
    processor,
    admin,
    connectWebConnector(settings) {
      connector = new WebConnectorSimulator(company, processor, clock, settings);
      return connector;
    },
    async close() {
      try {
        await connector?.stop();
      } finally {
        persistence?.save();
      }
    },
  };
}
