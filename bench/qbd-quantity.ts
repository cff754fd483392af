import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { SessionReport } from '../emulators/qbd/index.js';
import { consumeOnInvoice } from '../emulators/zuper/index.js';
import type { Benchmark } from './support/benchmark.js';
import { connectionIdFor } from './support/benchmark.js';
import { startLinkCatalog } from './support/catalog.js';
import { summarize } from './support/percentiles.js';
import { atMost, exactly, figure, type BenchResult } from './support/report.js';
import { QBD_POLL_NOMINAL_SECONDS } from '../harness/qbd-connection.js';
import { startQbdBenchStack, type QbdBenchStack } from './support/qbd-stack.js';
import { stageTimings, startTraced } from './support/span-stages.js';
import { pollsFromQueued, queuedAfterWorkClosed } from './support/qbd-polls.js';

const ITEMS = 10;
const START_QTY = 10_000;
/** Real seconds between Web Connector sessions: its nominal minute, 60 times faster. */
const POLL_REAL_SECONDS = 1;
const CHANGE_TIMEOUT_MS = 60_000;

interface LinkedPair {
  listId: string;
  productUid: string;
}

/** Every `ms` until `check` holds; the time it first held, or null after `timeoutMs`. */
async function whenTrue(check: () => boolean, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return Date.now();
    await delay(2);
  }
  return null;
}

const carries = (session: SessionReport, requestType: string, listId: string) =>
  session.exchanges.some(
    (e) => e.request.includes(`<${requestType} `) && e.request.includes(`<ListID>${listId}</ListID>`),
  );

/** How many requests a qbXML request document holds: each carries a requestID. */
const requestsIn = (document: string) => document.split(' requestID="').length - 1;

/**
 * Sessions the Web Connector ran from `fromMs` (one still open then counts) through the first one matching `until`: 1
 * means the first poll did it. Null when no session matched.
 */
function pollsUntil(sessions: SessionReport[], fromMs: number, until: (s: SessionReport) => boolean): number | null {
  const after = sessions.filter((s) => s.endedAtMs > fromMs);
  const index = after.findIndex(until);
  return index < 0 ? null : index + 1;
}

/** How many values of each count, as `1 poll: 58, 2 polls: 2`. */
const histogram = (values: number[], unit: string) =>
  [...new Set(values)]
    .sort((a, b) => a - b)
    .map((v) => `${v} ${unit}${v === 1 ? '' : 's'}: ${values.filter((x) => x === v).length}`)
    .join(', ');

async function linkedPairs(bench: QbdBenchStack): Promise<LinkedPair[]> {
  const { qbd, connection, stack } = bench;
  qbd.admin.seedItems(
    Array.from({ length: ITEMS }, (_, i) => ({
      fullName: `Part ${String(i + 1).padStart(2, '0')}`,
      quantityOnHand: START_QTY,
    })),
  );
  bench.connector.start();
  const result = await (await startLinkCatalog(stack, connection.connectionId)).result();
  const links = await stack.ctx.store.links.list(connection.connectionId);
  if (links.length !== ITEMS) throw new Error(`linking left ${links.length} links: ${JSON.stringify(result.summary)}`);
  return links.map((l) => ({ listId: l.accountingItemId, productUid: l.fieldItemId }));
}

interface NamingRequest {
  requestId: string;
  queuedAtMs: number;
  answeredAtMs: number | null;
}

/** The requests naming the item that the service queued from `fromMs` to `toMs`, first queued first. */
async function requestsNaming(
  bench: QbdBenchStack,
  listId: string,
  fromMs: number,
  toMs = Number.MAX_SAFE_INTEGER,
): Promise<NamingRequest[]> {
  const rows = await bench.stack.ctx.store.db.query<{ request_id: string; queued_at: Date; answered_at: Date | null }>(
    `SELECT request_id, queued_at, answered_at FROM qbd_requests
      WHERE connection_id = $1 AND queued_at >= $2 AND queued_at <= $3
        AND body LIKE '%<ListID>' || $4 || '</ListID>%'
      ORDER BY seq`,
    [bench.connection.connectionId, new Date(fromMs), new Date(Math.min(toMs, 8.64e15)), listId],
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    queuedAtMs: r.queued_at.getTime(),
    answeredAtMs: r.answered_at?.getTime() ?? null,
  }));
}

/** The first request naming the item that the service queued at or after `fromMs` (a settle's first read). */
const firstRequestNaming = async (bench: QbdBenchStack, listId: string, fromMs: number) =>
  (await requestsNaming(bench, listId, fromMs))[0] ?? null;

/**
 * When the quantity watch's poll that saw a transaction was answered: the service's last stored answer among that
 * poll's change queries (one step, its requests keyed `…:changes/<round>/<name>`), the first of which names it.
 */
async function pollAnswerNaming(bench: QbdBenchStack, txnId: string): Promise<number | null> {
  const rows = await bench.stack.ctx.store.db.query<{ answered_at: Date | null }>(
    `SELECT max(poll.answered_at) AS answered_at
       FROM qbd_requests poll,
            (SELECT caller_key FROM qbd_requests
              WHERE connection_id = $1 AND response LIKE '%<TxnID>' || $2 || '</TxnID>%'
              ORDER BY seq LIMIT 1) seen
      WHERE poll.connection_id = $1
        AND poll.caller_key LIKE split_part(seen.caller_key, ':changes/', 1) || ':changes/%'`,
    [bench.connection.connectionId, txnId],
  );
  return rows[0]?.answered_at ? rows[0].answered_at.getTime() : null;
}

const qbdQty = (bench: QbdBenchStack, listId: string) => bench.qbd.company.items.get(listId)?.quantityOnHand ?? NaN;

/** Rounds of one change per item, each item's change at a random moment of the round (any phase of the poll). */
async function rounds<T>(pairs: LinkedPair[], count: number, change: (pair: LinkedPair, n: number) => Promise<T>) {
  const outcomes: T[] = [];
  for (let n = 0; n < count; n += pairs.length) {
    const round = pairs.slice(0, Math.min(pairs.length, count - n));
    outcomes.push(
      ...(await Promise.all(
        round.map(async (pair, i) => {
          await delay(randomInt(0, POLL_REAL_SECONDS * 1500));
          return change(pair, n + i);
        }),
      )),
    );
  }
  return outcomes;
}

interface ConsumptionOutcome {
  listId: string;
  consumedAtMs: number;
  appliedAtMs: number | null;
}

/** Zuper consumptions through its API; each item's QuickBooks Desktop quantity is waited for. */
function consumeInZuper(bench: QbdBenchStack, pairs: LinkedPair[], count: number) {
  const { connection } = bench;
  return rounds(pairs, count, async (pair): Promise<ConsumptionOutcome> => {
    const qty = randomInt(1, 4);
    const expected = qbdQty(bench, pair.listId) - qty;
    const consumedAtMs = Date.now();
    await consumeOnInvoice(connection.zuperApiUrl, connection.zuperApiKey, {
      productUid: pair.productUid,
      locationUid: connection.mainLocation,
      qty,
      unitPrice: 1,
    });
    const appliedAtMs = await whenTrue(() => qbdQty(bench, pair.listId) === expected, CHANGE_TIMEOUT_MS);
    return { listId: pair.listId, consumedAtMs, appliedAtMs };
  });
}

interface ChangeOutcome {
  listId: string;
  txnId: string;
  changedAtMs: number;
  visibleAtMs: number | null;
}

/** Invoices, sales receipts and adjustments entered in QuickBooks Desktop, in turn; each Zuper quantity is waited for. */
function changeInQbd(bench: QbdBenchStack, pairs: LinkedPair[], count: number) {
  const { qbd } = bench;
  return rounds(pairs, count, async (pair, n): Promise<ChangeOutcome> => {
    const item = qbd.company.fullName(qbd.company.items.get(pair.listId)!);
    const qty = randomInt(1, 4);
    const kind = n % 3;
    const difference = kind === 2 ? qty : -qty;
    const expected = bench.zuperQty(pair.productUid) + difference;
    const changedAtMs = Date.now();
    const txn =
      kind === 2
        ? qbd.admin.adjust({ item, quantityDifference: difference, memo: 'Bench count' })
        : qbd.admin.sell({ type: kind === 0 ? 'Invoice' : 'SalesReceipt', lines: [{ item, quantity: qty }] });
    const visibleAtMs = await whenTrue(() => bench.zuperQty(pair.productUid) === expected, CHANGE_TIMEOUT_MS);
    return { listId: pair.listId, txnId: txn.txnId, changedAtMs, visibleAtMs };
  });
}

/** Waits until a whole poll cycle and then some passes with every item equal on both sides. */
async function settled(bench: QbdBenchStack, pairs: LinkedPair[]): Promise<number> {
  const unequal = () => pairs.filter((p) => qbdQty(bench, p.listId) !== bench.zuperQty(p.productUid)).length;
  await whenTrue(() => unequal() === 0, CHANGE_TIMEOUT_MS);
  await delay(POLL_REAL_SECONDS * 6000);
  return unequal();
}

/**
 * QuickBooks Desktop quantities through the Web Connector (issue 20): Zuper consumptions counted in the polls it takes
 * for QuickBooks Desktop to hold them, and QuickBooks Desktop changes timed from the session response that carried
 * them to the service until Zuper shows them.
 */
export const qbdQuantity: Benchmark = {
  name: 'qbd-quantity',
  defaultWorkers: 1,
  async run(env): Promise<BenchResult> {
    const count = env.quick ? 20 : 60;
    // The stage table of the QuickBooks Desktop changes is read from every process's spans once they flushed.
    const { started: bench, collector } = await startTraced((traceTo) =>
      startQbdBenchStack(env, {
        connectionId: connectionIdFor(env, 'qbd-quantity'),
        master: 'qbo',
        pollRealSeconds: POLL_REAL_SECONDS,
        zuperPlanPerMinute: 500,
        zuperTimeScale: 1,
        zuperWebhooks: true,
        traceTo,
      }),
    );
    const qbdChanges = { fromMs: Number.NaN, toMs: Number.NaN };
    let result: BenchResult;
    try {
      env.log(`qbd-quantity: linking ${ITEMS} QuickBooks Desktop items to Zuper through the Web Connector`);
      const pairs = await linkedPairs(bench);
      await settled(bench, pairs);
      const sessionsBefore = bench.connector.sessions.length;

      env.log(`qbd-quantity: ${count} Zuper consumptions`);
      const consumed = await consumeInZuper(bench, pairs, count);
      const unequalAfterConsumptions = await settled(bench, pairs);
      const sessions = bench.connector.sessions;
      const polls: number[] = [];
      let unmeasured = 0;
      let queuedAfterDone = 0;
      for (const c of consumed) {
        const movement =
          c.appliedAtMs === null ? [] : await requestsNaming(bench, c.listId, c.consumedAtMs, c.appliedAtMs);
        const queuedAtMs = movement[0]?.queuedAtMs;
        const n =
          queuedAtMs === undefined
            ? null
            : pollsFromQueued(
                sessions,
                queuedAtMs,
                new Set(movement.map((r) => r.requestId)),
                (s) => s.startedAtMs <= c.appliedAtMs! && carries(s, 'InventoryAdjustmentAddRq', c.listId),
              );
        if (n === null) unmeasured += 1;
        else polls.push(n);
        if (queuedAtMs !== undefined && queuedAfterWorkClosed(sessions, queuedAtMs)) queuedAfterDone += 1;
      }
      const adjustmentsWritten = bench.qbd.admin.adjustments().filter((a) => /\(mv[af]-/.test(a.memo ?? '')).length;

      env.log(`qbd-quantity: ${count} QuickBooks Desktop sales and adjustments`);
      qbdChanges.fromMs = Date.now();
      const sessionsBeforeChanges = bench.connector.sessions.length;
      const changed = await changeInQbd(bench, pairs, count);
      qbdChanges.toMs = Date.now();
      const unequalAtEnd = await settled(bench, pairs);
      const fromResponse: number[] = [];
      const pollsToSee: number[] = [];
      const toSettleRead: number[] = [];
      const settleReadWait: number[] = [];
      const readToVisible: number[] = [];
      let unseen = 0;
      for (const c of changed) {
        const answeredAtMs = await pollAnswerNaming(bench, c.txnId);
        if (c.visibleAtMs === null || answeredAtMs === null) {
          unseen += 1;
          continue;
        }
        fromResponse.push(c.visibleAtMs - answeredAtMs);
        const n = pollsUntil(bench.connector.sessions, c.changedAtMs, (s) => s.endedAtMs >= answeredAtMs);
        if (n !== null) pollsToSee.push(n);
        const read = await firstRequestNaming(bench, c.listId, answeredAtMs);
        if (read?.answeredAtMs) {
          toSettleRead.push(read.queuedAtMs - answeredAtMs);
          settleReadWait.push(read.answeredAtMs - read.queuedAtMs);
          readToVisible.push(c.visibleAtMs - read.answeredAtMs);
        }
      }
      const measuredSessions = bench.connector.sessions.slice(sessionsBefore);
      const pollSummary = summarize(polls);
      const latency = summarize(fromResponse);
      const seeing = summarize(pollsToSee);
      const qbxml = measuredSessions.reduce((sum, s) => sum + s.exchanges.length, 0);
      const changeSessions = bench.connector.sessions.slice(sessionsBeforeChanges);
      const changeExchanges = changeSessions.flatMap((s) => s.exchanges);
      const changeRequests = changeExchanges.reduce((sum, e) => sum + requestsIn(e.request), 0);
      result = {
        name: 'qbd-quantity',
        description: `QuickBooks Desktop ↔ Zuper quantities through the Web Connector (a session every ${POLL_REAL_SECONDS} s: its nominal ${QBD_POLL_NOMINAL_SECONDS} s, scaled), ${ITEMS} linked items: ${count} Zuper consumptions, then ${count} QuickBooks Desktop sales and adjustments`,
        figures: [
          figure('consumptions', 'Zuper consumptions measured', polls.length, '', exactly(count)),
          figure(
            'pollsP50',
            "Zuper → QBD: polls from the movement's first request queued to its adjustment applied, p50",
            pollSummary.p50,
            '',
          ),
          figure('pollsMax', 'Zuper → QBD: polls, max', pollSummary.max, '', atMost(1)),
          figure(
            'queuedAfterWorkClosed',
            'Zuper → QBD: movements queued after an open session had closed its work',
            queuedAfterDone,
            '',
          ),
          figure(
            'firstPollShare',
            'Zuper → QBD: share applied at the next poll',
            polls.filter((p) => p === 1).length / Math.max(1, polls.length),
            '',
          ),
          figure(
            'adjustmentsWritten',
            'Zuper → QBD: adjustments QuickBooks Desktop holds',
            adjustmentsWritten,
            '',
            exactly(count),
          ),
          figure('changes', 'QBD changes measured', fromResponse.length, '', exactly(count)),
          figure(
            'fromResponseP50Ms',
            'QBD → Zuper: session response seeing the change → Zuper shows it, p50',
            latency.p50,
            'ms',
          ),
          figure('fromResponseP99Ms', 'QBD → Zuper: p99', latency.p99, 'ms', atMost(1000)),
          figure('fromResponseMaxMs', 'QBD → Zuper: max', latency.max, 'ms'),
          figure(
            'toSettleReadP50Ms',
            "QBD → Zuper stage: poll answered → the settle's QBD read queued, p50",
            summarize(toSettleRead).p50,
            'ms',
          ),
          figure(
            'settleReadP50Ms',
            "QBD → Zuper stage: the settle's QBD read queued → answered, p50",
            summarize(settleReadWait).p50,
            'ms',
          ),
          figure(
            'readToVisibleP50Ms',
            'QBD → Zuper stage: that read answered → Zuper shows it, p50',
            summarize(readToVisible).p50,
            'ms',
          ),
          figure('pollsToSeeP50', 'QBD → Zuper: polls from the change to the session that saw it, p50', seeing.p50, ''),
          figure('pollsToSeeMax', 'QBD → Zuper: polls to see, max', seeing.max, ''),
          figure(
            'unequalAtEnd',
            'items whose quantities differ at the end',
            unequalAfterConsumptions + unequalAtEnd,
            '',
            exactly(0),
          ),
          figure('sessions', 'Web Connector sessions while measuring', measuredSessions.length, ''),
          figure('qbxmlPerSession', 'qbXML exchanges per session', qbxml / Math.max(1, measuredSessions.length), ''),
          figure(
            'qbdChangeExchanges',
            'QBD → Zuper: qbXML exchanges (sendRequestXML with a document) per change, the watch included',
            changeExchanges.length / Math.max(1, changed.length),
            '',
          ),
          figure(
            'qbdChangeRequests',
            'QBD → Zuper: qbXML requests per change, the watch included',
            changeRequests / Math.max(1, changed.length),
            '',
          ),
        ],
        notes: [
          `Polls are the emulated Web Connector's sessions as it ran them (each call's real sending time, their real start and end). A consumption's polls count from the moment the service queued the first request naming the item (the movement's item read, or its settle's read: the work queue's queued_at) through the session that carried its InventoryAdjustmentAddRq. A session open at that moment counts as the first only if it had not yet closed its work (the service had not yet been asked the receiveResponseXML it answered 100, or the authenticate it answered none: after those the Web Connector only closes the session) or it carried one of the movement's requests. Distribution: ${histogram(polls, 'poll') || 'none'}${unmeasured ? `; ${unmeasured} not measured (not applied within ${CHANGE_TIMEOUT_MS / 1000} s, or no request found)` : ''}; ${queuedAfterDone} queued while a session was still open but had closed its work (counted from the next session).`,
          `A QuickBooks Desktop change is timed from the response of the poll that saw it (the work queue's answered_at of the last of the quantity watch's change queries in the step whose InvoiceQuery, SalesReceiptQuery or InventoryAdjustmentQuery answer names its TxnID) to the moment a 2 ms poll of the Zuper emulator's state shows the quantity. The watch asks again 5 s after each answer, so a change waits up to that long for the session that sees it (polls to see: ${histogram(pollsToSee, 'poll') || 'none'})${unseen ? `; ${unseen} not seen within ${CHANGE_TIMEOUT_MS / 1000} s` : ''}.`,
          `Each round makes one change per item, each at a random moment of a ${POLL_REAL_SECONDS * 1.5} s window, so changes fall at every phase of the poll; consumptions are 1-3 units on Zuper invoices through its API (webhooks to the intake), changes cycle QuickBooks Desktop invoice, sales receipt and adjustment.`,
          `Topology: the Zuper and QuickBooks Desktop emulators, the HTTP server (/qbwc and the webhook intake) and this driver in one process; ${bench.stack.workers.length} worker process(es); PostgreSQL; the run's Temporal server. Zuper plan 500/min, real time.`,
          `Stages: the spans (docs/observability.md) of every process, exported over OTLP/HTTP to a collector in this process and read after the stack stopped; only spans that started while the QuickBooks Desktop changes were made and awaited. The figures above are measured with tracing on. RunActivity:watchUnannouncedChanges lasts the watch's whole poll, its wait for the Web Connector's session included; RunActivity:planSettle includes its wait for the settle's read to be answered in a session.`,
        ],
      };
    } finally {
      await bench.stop();
    }
    try {
      return { ...result, stages: stageTimings(collector.spans(), qbdChanges) };
    } finally {
      await collector.close();
    }
  },
};
