/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, type Stack, type TestConnection } from './support/stack.js';
import { eventually } from '../support/sync-stack.js';
import { readConnectionSettings } from '../../integrations/connection-settings.js';

let stack: Stack;
let sc: TestConnection;
before(async () => {
  stack = await startStack();
  sc = await stack.connection('sc', { configure: false });
});
after(async () => {
  await stack.close();
});

describe('configure and the reconciliation schedule', () => {
  it('configuring saves validated settings and creates the schedule at the configured interval', async () => {
    const answer = await stack.api('PUT', `/api/connections/${sc.id}/settings`, {
      productMaster: 'zuper',
      defaultLocationUid: sc.w2,
      minQuantity: 2,
      accounts: { incomeAccountId: '79' },
      reconcileEvery: '1h',
    });
    assert.equal(answer.status, 200);
    // Sent under the older top-level names, answered as stored: each side's own settings under it.
    assert.deepEqual(answer.body.settings, {
      productMaster: 'field',
      minQuantity: 2,
      nonInventoryQuantity: 0,
      reconcileEvery: '1h',
      accounting: { system: 'qbo', quantityWrite: 'inventory-adjustment', accounts: { incomeAccountId: '79' } },
      field: { system: 'zuper', defaultLocationUid: sc.w2 },
    });
    assert.deepEqual(answer.body.notKept, []);
    const schedule = answer.body.schedule;
    assert.equal(schedule.scheduleId, `reconcile:${sc.id}`);
    assert.equal(schedule.state, 'running');
    assert.equal(schedule.everySeconds, 3600);
    assert.ok(schedule.nextRuns.length > 0);
    assert.deepEqual(readConnectionSettings(await stack.ctx.store.connections.get(sc.id)), answer.body.settings);
  });

  it('the product master is a side, given as one or as the system the connection has there', async () => {
    const master = async (productMaster: string) => {
      const answer = await stack.api('PUT', `/api/connections/${sc.id}/settings`, { productMaster });
      return { status: answer.status, master: answer.body.settings?.productMaster, body: answer.body };
    };
    const accounting = await master('accounting');
    assert.equal(accounting.master, 'accounting');
    assert.deepEqual(accounting.body.names.accounting, { system: 'QuickBooks', record: 'QuickBooks item' });
    assert.equal(readConnectionSettings(await stack.ctx.store.connections.get(sc.id))?.productMaster, 'accounting');
    assert.equal((await master('zuper')).master, 'field');
    assert.equal((await master('qbo')).master, 'accounting');
    const notItsSystem = await master('qbd');
    assert.equal(notItsSystem.status, 400);
    assert.equal(notItsSystem.body.error.field, 'productMaster');
    assert.equal(
      notItsSystem.body.error.message,
      `productMaster: "${sc.id}" has no QuickBooks Desktop: its product master is accounting or qbo (QuickBooks), ` +
        'or field or zuper (Zuper).',
    );
    assert.equal(
      readConnectionSettings(await stack.ctx.store.connections.get(sc.id))?.productMaster,
      'accounting',
      'kept',
    );
    assert.equal((await master('field')).master, 'field');
  });

  it('a later change keeps the other settings and updates the schedule', async () => {
    const answer = await stack.api('PUT', `/api/connections/${sc.id}/settings`, {
      reconcileEvery: '20m',
      accounts: { cogsAccountId: '80' },
    });
    assert.equal(answer.body.settings.productMaster, 'field');
    assert.equal(answer.body.settings.minQuantity, 2);
    assert.deepEqual(answer.body.settings.accounting.accounts, { incomeAccountId: '79', cogsAccountId: '80' });
    const described = await stack.api('GET', `/api/connections/${sc.id}/schedule`);
    assert.equal(described.body.action, 'describe');
    assert.equal(described.body.schedule.everySeconds, 1200);
  });

  it("a side's settings change per side, checked against its system; another system's older names are not kept", async () => {
    const answer = await stack.api('PUT', `/api/connections/${sc.id}/settings`, {
      accounting: { quantityWrite: 'qty-on-hand' },
      qbdSite: 'Van 1',
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.settings.accounting, {
      system: 'qbo',
      quantityWrite: 'qty-on-hand',
      accounts: { incomeAccountId: '79', cogsAccountId: '80' },
    });
    assert.deepEqual(answer.body.notKept, [
      'qbdSite: a QuickBooks Desktop setting, and this connection has QuickBooks and Zuper',
    ]);
    const status = await stack.api('GET', `/api/connections/${sc.id}/status`);
    assert.deepEqual(status.body.settings.accounting, answer.body.settings.accounting);

    const otherSystems = await stack.api('PUT', `/api/connections/${sc.id}/settings`, {
      accounting: { site: 'Van 1' },
    });
    assert.equal(otherSystems.status, 400);
    assert.equal(otherSystems.body.error.field, 'accounting');
    assert.match(otherSystems.body.error.message, /^accounting: Unrecognized key: "site" \(QuickBooks settings/);
    const badWrite = await stack.api('PUT', `/api/connections/${sc.id}/settings`, {
      accounting: { quantityWrite: 'sometimes' },
    });
    assert.equal(badWrite.body.error.field, 'accounting.quantityWrite');
    assert.deepEqual(
      readConnectionSettings(await stack.ctx.store.connections.get(sc.id))?.accounting,
      answer.body.settings.accounting,
      'a refused change saves nothing',
    );
  });

  it('pause and resume change its state; status shows it', async () => {
    const paused = await stack.api('POST', `/api/connections/${sc.id}/schedule/pause`, {});
    assert.equal(paused.status, 200);
    assert.equal(paused.body.schedule.state, 'paused');
    assert.equal(paused.body.schedule.note, 'paused with qzsync');
    assert.equal((await stack.api('GET', `/api/connections/${sc.id}/status`)).body.schedule.state, 'paused');
    const resumed = await stack.api('POST', `/api/connections/${sc.id}/schedule/resume`, {});
    assert.equal(resumed.body.schedule.state, 'running');
    assert.equal(resumed.body.schedule.note, 'resumed with qzsync');
  });

  it('trigger runs a reconciliation now, which lands in the history', async () => {
    const triggered = await stack.api('POST', `/api/connections/${sc.id}/schedule/trigger`, {});
    assert.equal(triggered.status, 200);
    assert.equal(triggered.body.action, 'trigger');
    const entry = await eventually(
      async () => (await stack.api('GET', `/api/connections/${sc.id}/history?kind=reconcile`)).body.entries[0],
      (latest) => latest?.status === 'succeeded',
    );
    assert.ok(entry.workflowId.startsWith(`reconcile:${sc.id}`));
    assert.match(entry.summary, /^Checked 0 linked items/);
    const described = await stack.api('GET', `/api/connections/${sc.id}/schedule`);
    assert.ok(
      described.body.schedule.recentRuns.some((r: { workflowId: string }) => r.workflowId === entry.workflowId),
    );
  });

  it('an unknown schedule action is a 400', async () => {
    const answer = await stack.api('POST', `/api/connections/${sc.id}/schedule/stop`, {});
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.field, 'action');
  });
});
