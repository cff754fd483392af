import { z } from 'zod';
import type { EmulatorClock } from '../common/clock.js';
import type { QbdCompany } from './company.js';
import { hresults, QbdConnection, type QbdProcessor } from './processor.js';
import { element, qbxmlVersion, renderQbxmlDocument } from './qbxml.js';
import { isLocalHost } from './qwc.js';
import {
  intResult,
  soapRequestEnvelope,
  SoapReplyError,
  stringArrayResult,
  stringResult,
  type QbwcOperation,
} from './soap.js';

/** Faults of the QuickBooks side that the Web Connector meets; each is off by default. */
export const webConnectorFaultsSchema = z.object({
  /** QuickBooks cannot open the company file: every connect attempt fails with 0x80040408. */
  companyFileClosed: z.boolean(),
  /** QuickBooks is busy (a modal dialog, another single-user session): connect fails with 0x80040401. */
  quickBooksBusy: z.boolean(),
  /** The session ends without another call after this many sendRequestXML replies (QBWC closed, network gone). */
  dropSessionAfterRequests: z.number().int().min(0).nullable(),
  /**
   * After QuickBooks applied this many request documents (exchanges, each with one request or several) of a session,
   * the receiveResponseXML call carrying the last is lost.
   */
  loseResponseAfterRequests: z.number().int().min(1).nullable(),
  /** What the user does when the service asks for interactive mode. */
  interactiveUser: z.enum(['complete', 'reject']),
});
export type WebConnectorFaults = z.infer<typeof webConnectorFaultsSchema>;

export const webConnectorSettingsSchema = z.object({
  /** The service's SOAP endpoint (the .qwc AppURL). HTTPS unless the host is the local machine. */
  appUrl: z.url(),
  userName: z.string(),
  password: z.string(),
  /** .qwc Scheduler RunEveryNSeconds: the nominal pause between the end of one session and the next. */
  runEveryNSeconds: z.number().positive(),
  /** Honour authenticate's postpone and minimum-interval entries, which QBWC applies only with Auto-Run on. */
  autoRun: z.boolean(),
  qbwcVersion: z.string(),
  qbXMLCountry: z.string(),
  /** How often connectionError may answer with a file to retry before the session gives up. */
  connectRetries: z.number().int().min(0),
  /** Nominal pause after getLastError answers NoOp. */
  noOpPauseMs: z.number().min(0),
  /** Real milliseconds QBWC waits for one SOAP reply (not scaled: the service's latency does not shrink). */
  callTimeoutMs: z.number().positive(),
  /** How many session reports `sessions` keeps, the newest; null keeps every one (tests read them all). */
  sessionsKept: z.number().int().min(1).nullable(),
  faults: webConnectorFaultsSchema,
});
export type WebConnectorSettings = z.infer<typeof webConnectorSettingsSchema>;
export type WebConnectorSettingsInput = Omit<
  z.input<typeof webConnectorSettingsSchema>,
  | 'faults'
  | 'runEveryNSeconds'
  | 'autoRun'
  | 'qbwcVersion'
  | 'qbXMLCountry'
  | 'connectRetries'
  | 'noOpPauseMs'
  | 'callTimeoutMs'
  | 'sessionsKept'
> &
  Partial<Omit<WebConnectorSettings, 'faults' | 'appUrl' | 'userName' | 'password'>> & {
    faults?: Partial<WebConnectorFaults>;
  };

export function defaultWebConnectorFaults(): WebConnectorFaults {
  return {
    companyFileClosed: false,
    quickBooksBusy: false,
    dropSessionAfterRequests: null,
    loseResponseAfterRequests: null,
    interactiveUser: 'complete',
  };
}

export function webConnectorSettings(input: WebConnectorSettingsInput): WebConnectorSettings {
  return webConnectorSettingsSchema.parse({
    runEveryNSeconds: 60,
    autoRun: true,
    qbwcVersion: '2.3.0.215',
    qbXMLCountry: 'US',
    connectRetries: 2,
    noOpPauseMs: 5000,
    callTimeoutMs: 120_000,
    sessionsKept: null,
    ...input,
    faults: { ...defaultWebConnectorFaults(), ...input.faults },
  });
}

export interface SoapCall {
  operation: QbwcOperation;
  parameters: Record<string, string | number>;
  /** Real (unscaled) time the call was sent, in epoch milliseconds: the service answers it after this moment. */
  sentAtMs: number;
  result?: string | number | string[];
  error?: string;
}

export type SessionOutcome =
  | 'completed'
  | 'noWork'
  | 'invalidUser'
  | 'busy'
  | 'clientVersionRejected'
  | 'connectionFailed'
  | 'serviceError'
  | 'interactiveDone'
  | 'interactiveRejected'
  | 'sessionDropped'
  | 'responseLost'
  | 'soapFailure';

export interface QbxmlExchange {
  request: string;
  /** The qbXML response, or the HRESULT QBXMLRP2 raised instead. */
  response: string | { hresult: string; message: string; detail: string };
}

export interface SessionReport {
  outcome: SessionOutcome;
  /** What QBWC shows in its status column or error dialog. */
  message: string;
  /** A QBWC10xx code when the session ended on a client-side error. */
  qbwcError?: string;
  calls: SoapCall[];
  exchanges: QbxmlExchange[];
  /** authenticate's optional entries: postpone this update, and the minimum interval between runs (seconds). */
  postponeSeconds?: number;
  minimumRunEverySeconds?: number;
  /** Real (unscaled) times the session began and ended, in epoch milliseconds: when the service saw its first and last call. */
  startedAtMs: number;
  endedAtMs: number;
}

/** QBWC's client-side error for an exception in each call. */
const qbwcErrorByOperation: Partial<Record<QbwcOperation, string>> = {
  authenticate: 'QBWC1012',
  sendRequestXML: 'QBWC1041',
  receiveResponseXML: 'QBWC1042',
  getLastError: 'QBWC1043',
  closeConnection: 'QBWC1044',
  connectionError: 'QBWC1045',
};

class SessionEnded extends Error {
  constructor(
    readonly outcome: SessionOutcome,
    message: string,
    readonly qbwcError?: string,
  ) {
    super(message);
  }
}

const optionalOperations = new Set<QbwcOperation>(['serverVersion', 'clientVersion']);

/**
 * The QuickBooks Web Connector as a SOAP client of a service: on a schedule it runs an update session
 * (serverVersion, clientVersion, authenticate, connect to QuickBooks, the sendRequestXML / receiveResponseXML loop,
 * closeConnection), hands each qbXML request to the emulated company file and reports what happened.
 */
export class WebConnectorSimulator {
  settings: WebConnectorSettings;
  readonly sessions: SessionReport[] = [];
  private loop: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private loopError: unknown;

  constructor(
    private readonly company: QbdCompany,
    private readonly processor: QbdProcessor,
    private readonly clock: EmulatorClock,
    settings: WebConnectorSettingsInput,
  ) {
    this.settings = webConnectorSettings(settings);
    const url = new URL(this.settings.appUrl);
    if (url.protocol !== 'https:' && !isLocalHost(url))
      throw new RangeError(`QBWC1010: ${this.settings.appUrl} must use HTTPS (only a local host may use HTTP)`);
  }

  setFaults(faults: Partial<WebConnectorFaults>): void {
    this.settings = {
      ...this.settings,
      faults: webConnectorFaultsSchema.parse({ ...this.settings.faults, ...faults }),
    };
  }

  /** Runs sessions until stop(): each waits RunEveryNSeconds, or longer when authenticate asked for it. */
  start(): void {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = (async () => {
      while (!abort.signal.aborted) {
        const report = await this.runSession();
        let waitSeconds = this.settings.runEveryNSeconds;
        if (this.settings.autoRun)
          waitSeconds = Math.max(waitSeconds, report.postponeSeconds ?? 0, report.minimumRunEverySeconds ?? 0);
        await this.clock.sleep(waitSeconds * 1000, abort.signal).catch(() => undefined);
      }
    })().catch((error: unknown) => {
      // Kept for stop() to rethrow, so a failure inside the emulator surfaces in the test that stops the schedule.
      this.loopError = error;
    });
  }

  /** Ends the schedule after the current session; rethrows what stopped the schedule early, if anything did. */
  async stop(): Promise<void> {
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
    const error = this.loopError;
    this.loopError = undefined;
    if (error instanceof Error) throw error;
    if (error !== undefined) throw new Error('The Web Connector schedule stopped', { cause: error });
  }

  /** One update session, as when the user clicks Update Selected. */
  async runSession(): Promise<SessionReport> {
    const report: SessionReport = {
      outcome: 'completed',
      message: '',
      calls: [],
      exchanges: [],
      startedAtMs: Date.now(),
      endedAtMs: Number.NaN,
    };
    const connection = new QbdConnection();
    let ticket = '';
    try {
      await this.call(report, 'serverVersion', [], stringResult);
      ticket = await this.authenticateAndConnect(report);
      await this.exchangeLoop(report, ticket, connection);
    } catch (error) {
      if (!(error instanceof SessionEnded)) throw error;
      report.outcome = error.outcome;
      report.message = error.message;
      if (error.qbwcError !== undefined) report.qbwcError = error.qbwcError;
    } finally {
      connection.close();
    }
    report.endedAtMs = Date.now();
    this.sessions.push(report);
    const kept = this.settings.sessionsKept;
    if (kept !== null && this.sessions.length > kept) this.sessions.splice(0, this.sessions.length - kept);
    return report;
  }

  private async authenticateAndConnect(report: SessionReport): Promise<string> {
    const version = await this.call(report, 'clientVersion', [['strVersion', this.settings.qbwcVersion]], stringResult);
    if (version.startsWith('E:')) throw new SessionEnded('clientVersionRejected', version.slice(2), 'QBWC1036');
    if (version.startsWith('O:'))
      throw new SessionEnded(
        'clientVersionRejected',
        `The service requires Web Connector ${version.slice(2)}`,
        'QBWC1037',
      );
    const answer = await this.call(
      report,
      'authenticate',
      [
        ['strUserName', this.settings.userName],
        ['strPassword', this.settings.password],
      ],
      stringArrayResult,
    );
    const [ticket = '', fileAnswer = '', postpone, minimumRun] = answer;
    if (postpone !== undefined && postpone !== '') report.postponeSeconds = Number(postpone);
    if (minimumRun !== undefined && minimumRun !== '') report.minimumRunEverySeconds = Number(minimumRun);
    const refusal = { nvu: 'invalidUser', none: 'noWork', busy: 'busy' } as const;
    const refused = refusal[fileAnswer.toLowerCase() as keyof typeof refusal] as SessionOutcome | undefined;
    if (refused) {
      await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
      const messages: Partial<Record<SessionOutcome, string>> = {
        invalidUser: 'QBWC1040: Invalid user name or password.',
        noWork: 'No data exchange required',
        busy: 'The service is busy; the update will be tried again later.',
      };
      throw new SessionEnded(refused, messages[refused] ?? fileAnswer);
    }
    let requestedFile = fileAnswer;
    for (let attempt = 0; ; attempt++) {
      const failure = this.connectFailure(requestedFile);
      if (!failure) return ticket;
      const retry = await this.call(
        report,
        'connectionError',
        [
          ['ticket', ticket],
          ['hresult', failure.hresult],
          ['message', failure.message],
        ],
        stringResult,
      );
      if (retry.toLowerCase() === 'done' || attempt >= this.settings.connectRetries) {
        await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
        throw new SessionEnded('connectionFailed', failure.message, 'QBWC1013');
      }
      requestedFile = retry;
    }
  }

  /** Why QBXMLRP2 could not open a session on the requested file ("" means the file open in QuickBooks). */
  private connectFailure(requestedFile: string): { hresult: string; message: string } | undefined {
    const faults = this.settings.faults;
    if (faults.companyFileClosed) return hresults.couldNotStart;
    if (faults.quickBooksBusy) return hresults.cannotAccess;
    if (requestedFile !== '' && requestedFile.toLowerCase() !== this.company.companyFilePath.toLowerCase())
      return {
        hresult: hresults.couldNotStart.hresult,
        message: `${hresults.couldNotStart.message} The company file ${requestedFile} is not the one open in QuickBooks.`,
      };
    return undefined;
  }

  private async exchangeLoop(report: SessionReport, ticket: string, connection: QbdConnection): Promise<void> {
    let hcpResponse = this.hostCompanyResponse();
    let applied = 0;
    for (;;) {
      const requestXml = await this.call(
        report,
        'sendRequestXML',
        [
          ['ticket', ticket],
          ['strHCPResponse', hcpResponse],
          ['strCompanyFileName', this.company.companyFilePath],
          ['qbXMLCountry', this.settings.qbXMLCountry],
          ['qbXMLMajorVers', 13],
          ['qbXMLMinorVers', 0],
        ],
        stringResult,
      );
      hcpResponse = '';
      const sent = report.calls.filter((c) => c.operation === 'sendRequestXML').length;
      if (
        this.settings.faults.dropSessionAfterRequests !== null &&
        sent > this.settings.faults.dropSessionAfterRequests
      )
        throw new SessionEnded('sessionDropped', 'The Web Connector session ended before the response was processed.');
      if (requestXml === '') {
        const lastError = await this.call(report, 'getLastError', [['ticket', ticket]], stringResult);
        if (lastError === 'NoOp') {
          await this.clock.sleep(this.settings.noOpPauseMs);
          continue;
        }
        if (lastError === 'Interactive mode') return this.interactive(report, ticket);
        await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
        throw new SessionEnded('serviceError', lastError);
      }
      const result = this.processor.process(connection, requestXml);
      report.exchanges.push({
        request: requestXml,
        response: result.kind === 'response' ? result.xml : result,
      });
      if (result.kind === 'response') applied += 1;
      if (
        this.settings.faults.loseResponseAfterRequests !== null &&
        applied >= this.settings.faults.loseResponseAfterRequests
      )
        throw new SessionEnded(
          'responseLost',
          'The connection was closed before receiveResponseXML reached the service.',
          'QBWC1042',
        );
      const percent = await this.call(
        report,
        'receiveResponseXML',
        [
          ['ticket', ticket],
          ['response', result.kind === 'response' ? result.xml : ''],
          ['hresult', result.kind === 'response' ? '' : result.hresult],
          ['message', result.kind === 'response' ? '' : result.message],
        ],
        intResult,
      );
      if (percent < 0) {
        const lastError = await this.call(report, 'getLastError', [['ticket', ticket]], stringResult);
        await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
        throw new SessionEnded('serviceError', lastError);
      }
      if (percent >= 100) {
        report.message = await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
        return;
      }
    }
  }

  private async interactive(report: SessionReport, ticket: string): Promise<void> {
    await this.call(
      report,
      'getInteractiveURL',
      [
        ['wcTicket', ticket],
        ['sessionID', ticket],
      ],
      stringResult,
    );
    if (this.settings.faults.interactiveUser === 'reject') {
      await this.call(
        report,
        'interactiveRejected',
        [
          ['wcTicket', ticket],
          ['reason', 'The user closed the browser window.'],
        ],
        stringResult,
      );
      await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
      throw new SessionEnded('interactiveRejected', 'The user rejected interactive mode.');
    }
    await this.call(report, 'interactiveDone', [['wcTicket', ticket]], stringResult);
    report.message = await this.call(report, 'closeConnection', [['ticket', ticket]], stringResult);
    report.outcome = 'interactiveDone';
  }

  /** What QBWC sends on the first sendRequestXML: the HostQuery and CompanyQuery responses of the open file. */
  private hostCompanyResponse(): string {
    const host = element(
      'HostQueryRs',
      [
        element('HostRet', [
          element('ProductName', 'QuickBooks Enterprise Solutions 14.0'),
          element('MajorVersion', '24'),
          element('MinorVersion', '0'),
          element('Country', this.settings.qbXMLCountry),
          ...['1.0', '2.0', '3.0', '4.0', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', qbxmlVersion].map(
            (v) => element('SupportedQBXMLVersion', v),
          ),
          element('IsAutomaticLogin', 'false'),
          element('QBFileMode', 'SingleUser'),
        ]),
      ],
      { statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' },
    );
    const company = element(
      'CompanyQueryRs',
      [element('CompanyRet', [element('IsSampleCompany', 'false'), element('CompanyName', 'Emulated Company')])],
      { statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' },
    );
    return renderQbxmlDocument(element('QBXML', [element('QBXMLMsgsRs', [host, company])]));
  }

  /** One SOAP call; a transport failure or an unusable reply ends the session with QBWC's error for that call. */
  private async call<T extends string | number | string[]>(
    report: SessionReport,
    operation: QbwcOperation,
    parameters: [string, string | number][],
    read: (operation: QbwcOperation, replyXml: string) => T,
  ): Promise<T> {
    const entry: SoapCall = { operation, parameters: Object.fromEntries(parameters), sentAtMs: Date.now() };
    report.calls.push(entry);
    try {
      const response = await fetch(this.settings.appUrl, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"http://developer.intuit.com/${operation}"`,
        },
        body: soapRequestEnvelope(operation, parameters),
        signal: AbortSignal.timeout(this.settings.callTimeoutMs),
      });
      const replyXml = await response.text();
      if (!response.ok && !replyXml.includes('Fault')) throw new SoapReplyError(`HTTP ${response.status}`);
      const result = read(operation, replyXml);
      entry.result = result;
      return result;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      // A service may leave out the version methods; QBWC then goes on as if they answered "".
      if (optionalOperations.has(operation) && error instanceof SoapReplyError) return '' as T;
      throw new SessionEnded('soapFailure', entry.error, qbwcErrorByOperation[operation] ?? 'QBWC1012');
    }
  }
}
