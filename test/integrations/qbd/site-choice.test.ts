/**
 * Which inventory site a connection's movements land at, read from the emulator's company file through the request
 * processor: no sites (the feature off, or on without a site), the site the setting names, the site named as the
 * default location, QuickBooks' default site; and how long the choice is kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readInventorySites } from '../../../integrations/qbd/operations.js';
import { forgetChosenSite, siteForMovements, type QbdSiteRule } from '../../../integrations/qbd/sites.js';
import { SideRefusal } from '../../../integrations/port.js';
import { QbdAwaitingWebConnector } from '../../../integrations/qbd/queued-send.js';
import { emulatedCompany } from './support.js';

let connections = 0;

/** A caller's own step: how long it may wait, and its cancellation. */
const stepWait = (waitMs = 20_000, cancellation = new AbortController().signal) => ({
  waitMs,
  heartbeat: () => undefined,
  cancellation,
});

/** A company file and a connection to it whose rule is `rule`; counts the site reads and the location-name reads. */
function connection(options: { inventorySites: boolean; sites?: [string, boolean][] }) {
  const company = emulatedCompany({ inventorySites: options.inventorySites });
  for (const [name, isDefault] of options.sites ?? []) company.emu.admin.addSite(name, isDefault);
  const id = `sites-${++connections}`;
  const counts = { siteReads: 0, nameReads: 0 };
  const rule = (named: string | undefined, locationName: string | null, locationId = 'loc-1'): QbdSiteRule => ({
    named,
    fieldLocation: {
      id: locationId,
      name: () => {
        counts.nameReads += 1;
        return Promise.resolve(locationName);
      },
    },
  });
  const choose = (siteRule: QbdSiteRule) =>
    siteForMovements(
      id,
      siteRule,
      () => {
        counts.siteReads += 1;
        return readInventorySites(company.send);
      },
      stepWait(),
    );
  return { company, id, counts, rule, choose };
}

test('a company file without multi-location inventory, or with it and no site, has no site to land at', async () => {
  const off = connection({ inventorySites: false });
  assert.equal(await readInventorySites(off.company.send), null);
  assert.equal(await off.choose(off.rule(undefined, 'Main Warehouse')), null);
  assert.equal(off.counts.nameReads, 0, 'the location name is not read without sites');

  const empty = connection({ inventorySites: true });
  assert.deepEqual(await readInventorySites(empty.company.send), []);
  assert.equal(await empty.choose(empty.rule(undefined, 'Main Warehouse')), null);
});

test('the setting names the site; else the site named as the location; else the default site', async () => {
  const sites: [string, boolean][] = [
    ['Head Office', true],
    ['Main Warehouse', false],
    ['Van 1', false],
  ];
  const named = connection({ inventorySites: true, sites });
  assert.equal((await named.choose(named.rule('van 1', 'Main Warehouse')))?.name, 'Van 1');
  assert.equal(named.counts.nameReads, 0);

  const byLocation = connection({ inventorySites: true, sites });
  assert.equal((await byLocation.choose(byLocation.rule(undefined, 'main warehouse')))?.name, 'Main Warehouse');

  const byDefault = connection({ inventorySites: true, sites });
  const site = await byDefault.choose(byDefault.rule(undefined, 'Service Van'));
  assert.deepEqual([site?.name, site?.isDefault], ['Head Office', true]);

  const noDefault = connection({ inventorySites: true, sites: [['Van 1', false]] });
  assert.equal(await noDefault.choose(noDefault.rule(undefined, null)), null);
});

test('the choice is kept while the rule stays the same, and read again once forgotten or the rule changes', async () => {
  const c = connection({ inventorySites: true, sites: [['Head Office', true]] });
  await c.choose(c.rule(undefined, 'Main Warehouse'));
  c.company.emu.admin.addSite('Main Warehouse');
  assert.equal((await c.choose(c.rule(undefined, 'Main Warehouse')))?.name, 'Head Office', 'kept');
  assert.equal(c.counts.siteReads, 1);

  assert.equal((await c.choose(c.rule(undefined, 'Main Warehouse', 'loc-2')))?.name, 'Main Warehouse');
  assert.equal(c.counts.siteReads, 2, 'another location is another rule');
  forgetChosenSite(c.id);
  await c.choose(c.rule(undefined, 'Main Warehouse', 'loc-2'));
  assert.equal(c.counts.siteReads, 3);
});

test('a site the setting names and the company file lacks is refused, and nothing is kept', async () => {
  const c = connection({ inventorySites: true, sites: [['Head Office', true]] });
  await assert.rejects(
    c.choose(c.rule('Van 2', null)),
    (error) =>
      error instanceof SideRefusal &&
      error.code === 'site-missing' &&
      /no inventory site "Van 2".*its active sites are "Head Office"/.test(error.explanation) &&
      error.fix.includes(`qzsync configure ${c.id} --qbd-site`),
  );
  c.company.emu.admin.addSite('Van 2');
  assert.equal((await c.choose(c.rule('Van 2', null)))?.name, 'Van 2');
  assert.equal(c.counts.siteReads, 2);

  const off = connection({ inventorySites: false });
  await assert.rejects(
    off.choose(off.rule('Van 2', null)),
    (error) => error instanceof SideRefusal && /multi-location inventory is not enabled/.test(error.explanation),
  );
});

/** The InventorySiteQuery requests the company file received. */
const siteQueriesSent = (company: ReturnType<typeof emulatedCompany>) =>
  company.sent.filter((request) => request.includes('<InventorySiteQueryRq ')).length;

/** A read of the sites held until `release`, as a step's read waits for the Web Connector's next session. */
function heldRead(company: ReturnType<typeof emulatedCompany>, cancellation?: AbortSignal) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const read = async () => {
    const cancelled = new Promise<never>((_, reject) =>
      cancellation?.addEventListener('abort', () => reject(cancellation.reason as Error), { once: true }),
    );
    await Promise.race([released, cancelled]);
    return readInventorySites(company.send);
  };
  return { read, release };
}

test('concurrent callers of one connection share the choice being made: one InventorySiteQuery', async () => {
  const c = connection({ inventorySites: true, sites: [['Head Office', true]] });
  const rule = c.rule(undefined, 'Main Warehouse');
  const first = heldRead(c.company);
  let readers = 0;
  const choices = Array.from({ length: 12 }, (_, n) =>
    siteForMovements(
      c.id,
      rule,
      () => {
        readers += 1;
        return n === 0 ? first.read() : readInventorySites(c.company.send);
      },
      stepWait(),
    ),
  );
  first.release();
  const sites = await Promise.all(choices);
  assert.deepEqual(new Set(sites.map((site) => site?.name)), new Set(['Head Office']));
  assert.equal(readers, 1, 'one caller read the sites');
  assert.equal(siteQueriesSent(c.company), 1, 'QuickBooks received one InventorySiteQuery');
});

test("a caller waiting on a cancelled caller's choice reads the sites itself, and its own wait is bounded", async () => {
  const c = connection({ inventorySites: true, sites: [['Head Office', true]] });
  const rule = c.rule(undefined, 'Main Warehouse');
  const firstStep = new AbortController();
  const first = heldRead(c.company, firstStep.signal);
  const firstChoice = siteForMovements(c.id, rule, first.read, stepWait(20_000, firstStep.signal));
  // Waits for the first caller's read, never reading itself while it is in flight.
  const secondChoice = siteForMovements(c.id, rule, () => readInventorySites(c.company.send), stepWait());
  // A third whose own step allows it no time at all gives up as a wait for the Web Connector.
  await assert.rejects(
    siteForMovements(c.id, rule, () => readInventorySites(c.company.send), stepWait(0)),
    (error) => error instanceof QbdAwaitingWebConnector,
  );
  // And a fourth whose step is cancelled ends with its own cancellation.
  const fourthStep = new AbortController();
  const fourthChoice = siteForMovements(
    c.id,
    rule,
    () => readInventorySites(c.company.send),
    stepWait(20_000, fourthStep.signal),
  );
  fourthStep.abort(new Error('the fourth step was cancelled'));
  await assert.rejects(fourthChoice, /the fourth step was cancelled/);
  assert.equal(siteQueriesSent(c.company), 0);

  firstStep.abort(new Error('the first step was cancelled'));
  await assert.rejects(firstChoice, /the first step was cancelled/);
  assert.equal((await secondChoice)?.name, 'Head Office', 'the second caller took the choice over');
  assert.equal(siteQueriesSent(c.company), 1);
  first.release();
});
