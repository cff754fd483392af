/**
 * QuickBooks Desktop's prerequisite checks end to end (the real Temporal server and worker, the service's /qbwc
 * endpoint polled by the emulator's Web Connector, the Zuper emulator): the accounts and the inventory site are asked
 * through the work queue, so a check is pending until a Web Connector session answers, then shows that answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChecksAnswer } from '../../../operator/contract/checks.js';
import { configureConnection } from '../../../operator/configure-connection.js';
import { runChecks } from '../../../operator/run-checks.js';
import { startQbdSyncStack, type QbdSyncStack } from './sync-stack.js';

const qbdChecks = (answer: ChecksAnswer) =>
  Object.fromEntries(answer.checks.filter((c) => c.id.startsWith('qbd-')).map((c) => [c.id, c]));

describe('QuickBooks Desktop prerequisites', () => {
  let stack: QbdSyncStack;

  before(async () => {
    stack = await startQbdSyncStack({ inventorySites: true });
  });
  after(() => stack.stop());

  const check = async () => qbdChecks(await runChecks(stack.service.ctx, stack.connectionId));
  const questions = async () =>
    (await stack.store.qbdQueue.list(stack.connectionId)).filter(
      (r) => r.requestType === 'AccountQueryRq' || r.requestType === 'InventorySiteQueryRq',
    );
  const session = async () => assert.equal((await stack.connector.runSession()).outcome, 'completed');

  it("is pending until the Web Connector's next session, then shows the standard accounts found", async () => {
    const first = await check();
    assert.equal(first['qbd-connected']?.status, 'passed');
    assert.match(first['qbd-connected']?.detail ?? '', /has not run a session yet/);
    assert.equal(first['qbd-accounts']?.status, 'pending');
    assert.match(first['qbd-accounts']?.detail ?? '', /next session/);
    assert.equal(first['qbd-site']?.status, 'passed', 'no site is named: nothing to ask');
    assert.deepEqual(
      (await questions()).map((q) => [q.requestType, q.status]),
      [['AccountQueryRq', 'queued']],
    );
    await check();
    assert.equal((await questions()).length, 1, 'a question already waiting is not asked twice');

    await session();
    const answered = await check();
    assert.equal(answered['qbd-accounts']?.status, 'passed', answered['qbd-accounts']?.detail);
    for (const account of [
      '"Sales" (Income)',
      '"Cost of Goods Sold" (CostOfGoodsSold)',
      '"Inventory Asset" (OtherCurrentAsset)',
    ]) {
      assert.ok(answered['qbd-accounts']?.detail.includes(account), answered['qbd-accounts']?.detail);
    }
    assert.match(answered['qbd-accounts']?.detail ?? '', /asked again for the next Web Connector session/);
    assert.deepEqual(
      (await questions()).map((q) => q.status),
      ['answered', 'queued'],
      'the answer shown is kept; a fresh question waits',
    );
  });

  it('fails on a missing account, a wrong type and a missing site, and passes once QuickBooks Desktop has them', async () => {
    stack.qbd.admin.addAccount('Petty Cash', 'Bank');
    stack.qbd.admin.addSite('Head Office', true);
    await configureConnection(stack.service.ctx, stack.connectionId, {
      qbdAccounts: { income: 'Parts Income', adjustment: 'Petty Cash' },
      qbdSite: 'Van 2',
    });
    const asked = await check();
    assert.equal(asked['qbd-accounts']?.status, 'pending', 'other names: a new question');
    assert.equal(asked['qbd-site']?.status, 'pending');

    await session();
    const refused = await check();
    assert.equal(refused['qbd-accounts']?.status, 'failed');
    assert.match(refused['qbd-accounts']?.detail ?? '', /there is no account "Parts Income" \(the income account/);
    assert.match(
      refused['qbd-accounts']?.detail ?? '',
      /"Petty Cash" \(the account inventory adjustments post to\) is a Bank account/,
    );
    assert.match(
      refused['qbd-accounts']?.fix ?? '',
      /--qbd-income-account "<account full name>" --qbd-adjustment-account/,
    );
    assert.equal(refused['qbd-site']?.status, 'failed');
    assert.match(refused['qbd-site']?.detail ?? '', /no inventory site "Van 2".*"Head Office"/);

    stack.qbd.admin.addAccount('Parts Income', 'Income');
    stack.qbd.admin.addSite('Van 2');
    const stale = await check();
    assert.equal(stale['qbd-accounts']?.status, 'failed', 'the last answer stands until a session answers again');
    await session();
    const fixed = await check();
    assert.equal(fixed['qbd-accounts']?.status, 'failed', '"Petty Cash" is still a bank account');
    assert.doesNotMatch(fixed['qbd-accounts']?.detail ?? '', /Parts Income/);
    assert.equal(fixed['qbd-site']?.status, 'passed', fixed['qbd-site']?.detail);
    assert.match(fixed['qbd-site']?.detail ?? '', /the inventory site "Van 2" exists/);
  });
});
