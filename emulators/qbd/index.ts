import { EmulatorClock } from '../common/clock.js';
import { QbdEmulatorAdmin } from './admin.js';
import { QbdCompany, type CompanyOptions } from './company.js';
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
}

export interface QbdEmulator {
  clock: EmulatorClock;
  company: QbdCompany;
  processor: QbdProcessor;
  admin: QbdEmulatorAdmin;
  /** Attaches the Web Connector that polls the service at `appUrl`; start() runs its schedule. */
  connectWebConnector(settings: WebConnectorSettingsInput): WebConnectorSimulator;
}

/** A QuickBooks Desktop company file, its request processor and (once connected) a Web Connector driving a service. */
export function createQbdEmulator(options: QbdEmulatorOptions = {}): QbdEmulator {
  const clock = new EmulatorClock({
    timeScale: options.timeScale ?? 1,
    ...(options.startAt ? { startAt: options.startAt } : {}),
  });
  const company = new QbdCompany(clock, options);
  const processor = new QbdProcessor(company, clock, { iteratorIdleMs: options.iteratorIdleMs ?? 20 * 60_000 });
  let connector: WebConnectorSimulator | undefined;
  const admin = new QbdEmulatorAdmin(company, processor, clock, () => connector);
  return {
    clock,
    company,
    processor,
    admin,
    connectWebConnector(settings) {
      connector = new WebConnectorSimulator(company, processor, clock, settings);
      return connector;
    },
  };
}
