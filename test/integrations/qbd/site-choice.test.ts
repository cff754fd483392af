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
import { emulatedCompany } from './support.js';

let connections = 0;

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
    siteForMovements(id, siteRule, () => {
      counts.siteReads += 1;
      return readInventorySites(company.send);
    });
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
