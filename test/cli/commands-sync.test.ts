/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createZuperClient } from '../../integrations/zuper/client.js';
import { startStack, type Stack, type TestConnection } from '../operator/support/stack.js';
import { eventually } from '../support/sync-stack.js';
import { cli } from './run-cli.js';

let stack: Stack;
let env: NodeJS.ProcessEnv;
let cy: TestConnection;
let itemId: string;
let productUid: string;
const qz = (...argv: string[]) => cli(argv, env);
const qboQty = () => Number(stack.qbo.admin.getEntity(cy.realmId, 'Item', itemId)?.QtyOnHand);

before(async () => {
  stack = await startStack();
  env = { QZSYNC_URL: stack.url, OPERATOR_TOKEN: stack.token };
  cy = await stack.connection('cy');
  itemId = stack.qbo.admin.seedItems(cy.realmId, { count: 1, namePrefix: 'Valve', qtyOnHand: 6 })[0] ?? '';
});
after(async () => {
  await stack.close();
});

describe('qzsync sync commands against the operator API', () => {
  it('link --dry-run prints the plan with progress on stderr, and writes nothing', async () => {
    const run = await cli(['link', cy.id, '--dry-run'], env, { waitMs: 0 });
    assert.equal(run.code, 0);
    assert.match(run.stderr, new RegExp(`^Planning the linking of ${cy.id} \\(dry run\\)…\\n`));
    assert.match(run.stderr, /: still running after \d+s \(link:/);
    assert.equal(
      run.stdout,
      [
        `Dry run for ${cy.id}: would link 0, create 1 and skip 0 (0 already linked); 0 quantities would change.`,
        `CREATE  in Zuper: "Valve 1" (inventory, from QuickBooks ${itemId})`,
        `Nothing was written. Run \`qzsync link ${cy.id}\` to carry it out (report #${/report #(\d+)/.exec(run.stdout)?.[1] ?? ''}).`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(await stack.ctx.store.links.list(cy.id), []);
  });

  it('link carries it out; --json prints only the answer', async () => {
    const run = await qz('link', cy.id, '--json');
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '', 'no progress with --json');
    const answer = run.json();
    assert.equal(answer.state, 'completed');
    assert.deepEqual(answer.result.summary, { keep: 0, link: 0, create: 1, skip: 0, quantityChanges: 0 });
    const [link] = await stack.ctx.store.links.list(cy.id);
    assert.ok(link);
    productUid = link.fieldItemId;
  });

  it('reconcile prints the drift report; a failed item exits 1 with its explanation', async () => {
    const clean = await qz('reconcile', cy.id);
    assert.equal(clean.code, 0);
    assert.match(
      clean.stdout,
      /\nChecked 1 linked items: 0 drifted, 0 corrected, 0 failed; 0 definitions and 0 unlinked items synced\.\n$/,
    );

    const zuper = createZuperClient({ apiBaseUrl: `${stack.zuper.baseUrl}/api`, apiKey: cy.zuper.api_key });
    await zuper.stockOutward({ productUid, locationUid: cy.w1, quantity: 1, remarks: 'used' });
    assert.equal((await qz('configure', cy.id, '--adjustment-account', '999')).code, 0);
    const failing = await qz('reconcile', cy.id);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /\nChecked 1 linked items: 1 drifted, 0 corrected, 1 failed;/);
    assert.match(
      failing.stdout,
      new RegExp(
        `\\nFAILED     QuickBooks ${itemId} ↔ Zuper ${productUid}: base 6, QuickBooks 6, Zuper 5\\n           Cause: Zuper changed by -1 without a sync.*\\n           Why: The QuickBooks account 999 configured as adjustmentAccountId does not exist\\.\\n`,
      ),
    );
  });

  it('reconcile of an unknown connection prints only its error, no progress line claiming it began', async () => {
    const run = await qz('reconcile', 'nosuch');
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Error: [^\n]*nosuch/);
    assert.doesNotMatch(run.stderr, /Reconciling/);
  });

  it('status exits 1 listing the open failures with why and fix', async () => {
    const status = await qz('status', cy.id);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /\n {2}Open failures +2\n/);
    assert.match(
      status.stdout,
      new RegExp(
        `\\n    #\\d+ \\S+ \\S+ quantity QuickBooks ${itemId} ↔ Zuper ${productUid} NEEDS ATTENTION\\n      Why: The QuickBooks account 999`,
      ),
    );
    assert.match(status.stdout, /\n {6}Fix: Create the account in QuickBooks or choose an existing one/);
  });

  it('history filters and shows before → after quantities and explanations; show gives one entry', async () => {
    const history = await qz('history', cy.id, '--item', productUid, '--kind', 'quantity');
    assert.equal(history.code, 0);
    assert.match(history.stdout, /^#\s+STARTED\s+KIND\s+STATUS\s+ITEM\s+QUANTITIES\s+SUMMARY\n/);
    assert.match(
      history.stdout,
      /\n\d+ +\S+ \S+ +quantity +NEEDS ATTENTION +QuickBooks \S+ ↔ Zuper \S+ +– +The QuickBooks account 999.*\n {6}Why: The QuickBooks account 999.*\n {6}Fix: Create the account/,
    );
    const failures = (await qz('history', cy.id, '--status', 'needs_attention', '--kind', 'quantity', '--json')).json()
      .entries;
    assert.equal(failures.length, 1);
    const show = await qz('show', String(failures[0].id));
    assert.equal(show.code, 0);
    assert.match(
      show.stdout,
      new RegExp(
        `^History entry #${failures[0].id}\\n  Connection +${cy.id}\\n  Kind +quantity\\n  Status +NEEDS ATTENTION\\n`,
      ),
    );
    assert.match(show.stdout, /\n {2}Error code +qbo:account-missing\n/);
    const withConnection = await qz('show', cy.id, `#${failures[0].id}`);
    assert.equal(withConnection.code, 0);
    assert.equal(withConnection.stdout, show.stdout);
    const elsewhere = await qz('show', 'someone-else', String(failures[0].id));
    assert.equal(elsewhere.code, 1);
    assert.equal(elsewhere.stdout, '');
    assert.match(
      elsewhere.stderr,
      new RegExp(`^Error: History entry #${failures[0].id} belongs to connection ${cy.id}, not someone-else\\.\\n`),
    );
    const missing = await qz('show', '999999');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: There is no history entry #999999\./);
  });

  it('retry after fixing the cause settles the item; retrying a success exits 1', async () => {
    const [failure] = (await qz('history', cy.id, '--status', 'needs_attention', '--kind', 'quantity', '--json')).json()
      .entries;
    assert.equal((await qz('configure', cy.id, '--adjustment-account', '86')).code, 0);
    const refused = await qz('retry', 'someone-else', String(failure.id));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /belongs to connection/);
    const retry = await qz('retry', cy.id, String(failure.id));
    assert.equal(retry.code, 0);
    assert.equal(
      retry.stdout,
      `Retrying history entry #${failure.id} (quantity): Asked QuickBooks item ${itemId} ↔ Zuper product ${productUid} to settle its quantity again.\n` +
        `  Workflow qty:${cy.id}:${itemId}. Follow it with \`qzsync history\`.\n`,
    );
    const history = await eventually(
      () => qz('history', cy.id, '--item', itemId, '--kind', 'quantity', '--limit', '1'),
      (latest) => latest.stdout.includes(' succeeded '),
    );
    assert.equal(qboQty(), 5);
    assert.match(
      history.stdout,
      /\n\d+ +\S+ \S+ +quantity +succeeded +QuickBooks \S+ ↔ Zuper \S+ +QuickBooks 6 → 5, Zuper 5 → 5, base 6 → 5 +Quantity settled/,
    );
    const latestId = /\n(\d+) /.exec(history.stdout)?.[1] ?? '';
    const again = await qz('retry', latestId);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /succeeded: there is nothing to retry/);
  });
});
