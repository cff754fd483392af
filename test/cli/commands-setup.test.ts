/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- tests read the operator API answers as untyped JSON */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startStack, type Stack, type TestConnection } from '../operator/support/stack.js';
import { cli } from './run-cli.js';
import { adjustmentWatchWorkflowId } from '../../client/workflow-ids.js';
import { storedCredentials } from '../support/stored-credentials.js';
import { readConnectionSettings } from '../../integrations/connection-settings.js';

let stack: Stack;
let env: NodeJS.ProcessEnv;
let cs: TestConnection;
const qz = (...argv: string[]) => cli(argv, env);

before(async () => {
  stack = await startStack();
  env = { QZSYNC_URL: stack.url, OPERATOR_TOKEN: stack.token };
  cs = await stack.connection('cs', { configure: false, connectZuper: false });
});
after(async () => {
  await stack.close();
});

describe('qzsync setup commands against the operator API', () => {
  it('connections add and list', async () => {
    const added = await qz('connections', 'add', 'newco', '--name', 'New Co');
    assert.equal(added.code, 0);
    assert.match(added.stdout, /^Created connection "newco" \(New Co\)\. Next:\n {2}qzsync connect qbo newco\n/);
    const list = await qz('connections');
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^ID +NAME +STATUS +QUICKBOOKS +ZUPER +SETTINGS\n/);
    assert.match(
      list.stdout,
      new RegExp(`\\n${cs.id} +Test ${cs.id} +active +company ${cs.realmId} +not connected +not configured\\n`),
    );
    assert.match(list.stdout, /\nnewco +New Co +active +not connected +not connected +not configured\n/);
    const json = await qz('connections', '--json');
    assert.ok(json.json().connections.some((c: { id: string }) => c.id === 'newco'));
    const twice = await qz('connections', 'add', 'newco');
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /^Error: A connection "newco" already exists\.\nFix: Choose another id/);
  });

  it('connect qbo prints the sign-in link; connect zuper registers the webhooks (connection first or second)', async () => {
    const qbo = await qz('connect', cs.id, 'qbo');
    assert.equal(qbo.code, 0);
    assert.match(
      qbo.stdout,
      new RegExp(
        `\\n  ${stack.ctx.env.PUBLIC_BASE_URL}/oauth/qbo/connect\\?connection=${cs.id}&ticket=\\d+\\.[\\w-]{43}\\n$`,
      ),
    );
    const zuper = await qz('connect', 'zuper', cs.id, '--company', cs.id, '--api-key', cs.zuper.api_key);
    assert.equal(zuper.code, 0);
    assert.match(
      zuper.stdout,
      new RegExp(`^Connected "${cs.id}" to Zuper company ${cs.id} at ${stack.zuper.baseUrl}/api\\.\\n`),
    );
    assert.match(zuper.stdout, /\nRegistered 12 webhooks → .*:\n {2}product\.new {2}\(/);
    const wrongKey = await qz('connect', 'zuper', cs.id, '--company', cs.id, '--api-key', 'wrong-key-123');
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /^Error: Zuper rejected the API key/);
  });

  it('connect qbd prints a Web Connector login and its .qwc file, and keeps that login', async () => {
    const refused = await qz('connect', cs.id, 'qbd');
    assert.equal(refused.code, 2, 'the default AppURL (an IP address over http) is refused as bad input');
    assert.match(refused.stderr, /appUrl: the Web Connector cannot reach http:\/\/127\.0\.0\.1:\d+\/qbwc/);
    const appUrl = 'https://sync.example.com/qbwc';
    const connected = await qz('connect', 'qbd', cs.id, '--app-url', appUrl, '--every', '30');
    assert.equal(connected.code, 0, connected.stderr);
    assert.match(connected.stdout, new RegExp(`^Web Connector login for "${cs.id}"`));
    const password = /\n {2}password: (\S+)\n/.exec(connected.stdout)?.[1] ?? '';
    assert.match(connected.stdout, new RegExp(`\n {2}username: qzsync-${cs.id}\n`));
    assert.match(connected.stdout, /<AppURL>https:\/\/sync\.example\.com\/qbwc<\/AppURL>/);
    assert.match(connected.stdout, /<RunEveryNMinutes>30<\/RunEveryNMinutes>/);
    assert.deepEqual(await storedCredentials(stack.ctx.store).findQbdLogin(`qzsync-${cs.id}`), {
      connectionId: cs.id,
      password,
    });
    // QuickBooks Desktop sends no webhook: its quantity watch runs from the moment it is connected.
    const watch = await stack.ctx.temporal.workflow.getHandle(adjustmentWatchWorkflowId(cs.id)).describe();
    assert.equal(watch.status.name, 'RUNNING');
  });

  it('qwc prints the file again with the AppURL and interval the connection keeps; connecting again keeps them too', async () => {
    const ids = (text: string) => /<OwnerID>(.*)<\/OwnerID>[\s\S]*<FileID>(.*)<\/FileID>/.exec(text)?.slice(1);
    const first = await qz('qwc', cs.id);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /<AppURL>https:\/\/sync\.example\.com\/qbwc<\/AppURL>/, 'kept from connect');
    assert.match(first.stdout, /<RunEveryNMinutes>30<\/RunEveryNMinutes>/);
    assert.match(first.stdout, /The Web Connector will call https:\/\/sync\.example\.com\/qbwc every 30 minutes\./);
    const { password } = (await storedCredentials(stack.ctx.store).findQbdLogin(`qzsync-${cs.id}`))!;

    const changed = await qz('qwc', cs.id, '--app-url', 'https://qb.example.org/sync/qbwc', '--every', '45s');
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /<AppURL>https:\/\/qb\.example\.org\/sync\/qbwc<\/AppURL>/);
    assert.match(changed.stdout, /<AppSupport>https:\/\/qb\.example\.org\/healthz<\/AppSupport>/);
    assert.match(changed.stdout, /<RunEveryNSeconds>45<\/RunEveryNSeconds>/);
    assert.deepEqual(await stack.ctx.store.qbdWebConnectorFiles.get(cs.id), {
      appUrl: 'https://qb.example.org/sync/qbwc',
      runEverySeconds: 45,
    });
    assert.equal(
      (await storedCredentials(stack.ctx.store).findQbdLogin(`qzsync-${cs.id}`))?.password,
      password,
      'same login',
    );

    // Refused before anything is kept: an IP address, plain http to another host, an interval under a second.
    for (const [flag, value, message] of [
      [
        '--app-url',
        'https://203.0.113.9/qbwc',
        /appUrl: the Web Connector cannot reach https:\/\/203\.0\.113\.9\/qbwc/,
      ],
      ['--app-url', 'http://qb.example.org/qbwc', /appUrl: the Web Connector cannot reach http:\/\/qb\.example\.org/],
      ['--every', '0s', /--every expects minutes \(15, 15m, 1h\) or seconds \(30s\)/],
      ['--every', '25h', /--every expects minutes/],
    ] as const) {
      const refused = await qz('qwc', cs.id, flag, value);
      assert.equal(refused.code, 2, `${flag} ${value}`);
      assert.match(refused.stderr, message);
    }
    assert.equal((await stack.ctx.store.qbdWebConnectorFiles.get(cs.id)).runEverySeconds, 45, 'nothing kept');

    // Connecting again (a new password) and asking again use what is kept; the application stays the same.
    const again = await qz('connect', 'qbd', cs.id, '--every', '2h');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /<AppURL>https:\/\/qb\.example\.org\/sync\/qbwc<\/AppURL>/);
    assert.match(again.stdout, /<RunEveryNMinutes>120<\/RunEveryNMinutes>/);
    const later = await qz('qwc', cs.id, '--json');
    assert.equal(later.json().runEverySeconds, 7200);
    assert.equal(later.json().appUrl, 'https://qb.example.org/sync/qbwc');
    for (const file of [changed.stdout, again.stdout, later.json().qwc as string]) {
      assert.deepEqual(ids(file), ids(first.stdout));
    }
    const unconnected = await qz('qwc', 'newco');
    assert.equal(unconnected.code, 1);
    assert.match(unconnected.stderr, /^Error: Connection "newco" is not connected to QuickBooks Desktop\./);
  });

  it('configure saves the settings and shows the schedule; bad input exits 2, an unknown connection 1', async () => {
    const configured = await qz(
      'configure',
      cs.id,
      '--master',
      'qbo',
      '--default-location',
      cs.w1,
      '--min-quantity',
      '1',
      '--reconcile-every',
      '30m',
    );
    assert.equal(configured.code, 0);
    assert.match(
      configured.stdout,
      new RegExp(
        `^Saved the settings of "${cs.id}":\\n  Product master +QuickBooks Desktop\\n  Default location +${cs.w1}\\n  Minimum quantity +1\\n`,
      ),
    );
    assert.match(configured.stdout, /\nReconciliation schedule:\n {4}State +running\n {4}Every +30m\n/);
    const tooOften = await qz('configure', cs.id, '--reconcile-every', '10s');
    assert.equal(tooOften.code, 2);
    assert.match(tooOften.stderr, /reconcileEvery: at least 1m/);
    // `connect qbd` above made QuickBooks Desktop the accounting system of cs; newco keeps QuickBooks Online.
    const bySystem = await qz('configure', cs.id, '--master', 'qbd');
    assert.match(bySystem.stdout, /\n {2}Product master +QuickBooks Desktop\n/);
    const bySide = await qz('configure', cs.id, '--master', 'field');
    assert.match(bySide.stdout, /\n {2}Product master +Zuper\n/);
    assert.equal(readConnectionSettings(await stack.ctx.store.connections.get(cs.id))?.productMaster, 'field');
    assert.equal((await qz('configure', cs.id, '--master', 'accounting')).code, 0);
    const notItsSystem = await qz('configure', 'newco', '--master', 'qbd', '--default-location', cs.w1);
    assert.equal(notItsSystem.code, 2);
    assert.equal(
      notItsSystem.stderr.split('\n')[0],
      'Error: productMaster: "newco" has no QuickBooks Desktop: its product master is accounting or qbo (QuickBooks), ' +
        'or field or zuper (Zuper).',
    );
    assert.equal(readConnectionSettings(await stack.ctx.store.connections.get('newco')), null, 'nothing saved');
    const unknownWord = await qz('configure', cs.id, '--master', 'xero');
    assert.equal(unknownWord.code, 2);
    assert.match(unknownWord.stderr, /--master must be one of accounting, field, qbo, qbd, zuper, not "xero"/);
    const unknown = await qz('configure', 'nope', '--master', 'qbo');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^Error: no connection "nope"\nFix: List connections with `qzsync connections`\./);
    const json = await qz('configure', 'nope', '--master', 'qbo', '--json');
    assert.equal(json.json().error.code, 'connection_not_found');
  });

  it('configure --qbd-site names the QuickBooks Desktop inventory site; a name QuickBooks cannot hold exits 2', async () => {
    const configured = await qz('configure', cs.id, '--qbd-site', 'Van 1');
    assert.equal(configured.code, 0);
    assert.match(configured.stdout, /\n {2}QuickBooks Desktop site +"Van 1"\n/);
    assert.deepEqual(readConnectionSettings(await stack.ctx.store.connections.get(cs.id))?.accounting, {
      system: 'qbd',
      accounts: {},
      site: 'Van 1',
    });
    const tooLong = await qz('configure', cs.id, '--qbd-site', 'a site name longer than 31 chars');
    assert.equal(tooLong.code, 2);
    assert.match(tooLong.stderr, /qbdSite: Too big/);
    const unset = await qz('configure', cs.id, '--qbd-site', '');
    assert.equal(unset.code, 0);
    assert.match(
      unset.stdout,
      /\n {2}QuickBooks Desktop site +named as the default location, else QuickBooks' default\n/,
    );
    assert.deepEqual(readConnectionSettings(await stack.ctx.store.connections.get(cs.id))?.accounting, {
      system: 'qbd',
      accounts: {},
    });
  });

  it("settings choices come from each side's own system, named in every problem", async () => {
    // cs still stores QuickBooks Online tokens, but its books are in QuickBooks Desktop now: no QuickBooks Online
    // accounts are offered.
    const desktop = await stack.api('GET', `/api/connections/${cs.id}/settings/choices`);
    assert.equal(desktop.status, 200);
    assert.equal(desktop.body.accountingSystem, 'qbd');
    assert.equal(desktop.body.accounts, null);
    assert.equal(
      desktop.body.accountsProblem,
      'QuickBooks Desktop accounts are given by their full name, not chosen from a list.',
    );
    assert.ok(desktop.body.locations.some((choice: { label: string }) => choice.label === 'W1'));
    const unconnected = await stack.api('GET', '/api/connections/newco/settings/choices');
    assert.deepEqual(unconnected.body, {
      connectionId: 'newco',
      accountingSystem: 'qbo',
      locations: null,
      locationsProblem: 'Zuper is not connected: connect it to choose a location.',
      accounts: null,
      accountsProblem: 'QuickBooks is not connected: connect it to choose accounts.',
    });
  });

  it('check exits 0 when everything passes and 1 with the fix when something fails', async () => {
    // `connect qbd` made QuickBooks Desktop cs's accounting system: its accounts wait for a Web Connector session,
    // which fails nothing; no site is named since the test above unset it, so there is none to look up.
    const passing = await qz('check', cs.id);
    assert.equal(passing.code, 0);
    assert.match(
      passing.stdout,
      /\n8 passed, 0 failed, 0 could not be checked, 1 waits for an answer \(check again later\)\.\n$/,
    );
    assert.match(passing.stdout, /\n\.\.\. {3}QuickBooks Desktop accounts found: Asked QuickBooks Desktop/);
    assert.match(passing.stdout, /\nok {4}QuickBooks Desktop inventory site found: No site is named/);
    stack.zuper.admin.updateCompanySettings(cs.id, { allow_negative_stock: false });
    const failing = await qz('check', cs.id);
    assert.equal(failing.code, 1);
    assert.match(
      failing.stdout,
      /\nFAIL {2}Zuper allows negative stock: Zuper refuses to take a location below zero.*\n {6}Fix: In Zuper open Settings → Modules → Parts & Services → Parts & Services Settings and set "Allow negative stock balance\?" to Yes\.\n/,
    );
    assert.equal((await qz('check', cs.id, '--json')).json().ok, false);
    stack.zuper.admin.updateCompanySettings(cs.id, { allow_negative_stock: true });
  });

  it('schedule show, pause, resume and trigger (connection first or second)', async () => {
    const shown = await qz('schedule', cs.id, 'show');
    assert.equal(shown.code, 0);
    assert.match(
      shown.stdout,
      new RegExp(`^Reconciliation schedule of ${cs.id} \\(reconcile:${cs.id}\\)\\n  State +running\\n  Every +30m\\n`),
    );
    const paused = await qz('schedule', 'pause', cs.id);
    assert.match(
      paused.stdout,
      /^Paused: no reconciliation runs until it is resumed\.\n.*\n {2}State +paused \(paused with qzsync\)\n/,
    );
    const resumed = await qz('schedule', cs.id, 'resume');
    assert.match(resumed.stdout, /^Resumed\.\n.*\n {2}State +running \(resumed with qzsync\)\n/);
    const triggered = await qz('schedule', 'trigger', cs.id, '--json');
    assert.equal(triggered.code, 0);
    assert.equal(triggered.json().action, 'trigger');
  });

  it('status shows the accounting side’s credentials and exits 0 with nothing to act on', async () => {
    // cs's accounting system is QuickBooks Desktop since `connect qbd`: its Web Connector login is what counts, not the
    // QuickBooks Online tokens stored before.
    const status = await qz('status', cs.id);
    assert.equal(status.code, 0);
    assert.match(
      status.stdout,
      new RegExp(
        `^${cs.id} \\(Test ${cs.id}\\): active\\n  QuickBooks Desktop +QuickBooks Desktop, reached when its Web Connector polls with the login this service keeps; \`qzsync connect qbd ${cs.id}\` makes a new login and \\.qwc file\\.\\n`,
      ),
    );
    assert.match(status.stdout, /\n {2}Open failures +none$/m);
    const all = await qz('status', '--json');
    assert.ok(all.json().connections.some((c: { id: string }) => c.id === cs.id));
  });

  it('disconnect zuper and qbo say what was cleaned up (connection first or second)', async () => {
    const zuper = await qz('disconnect', cs.id, 'zuper');
    assert.equal(zuper.code, 0);
    assert.equal(
      zuper.stdout,
      `Disconnected Zuper from "${cs.id}":\n  done: 12 Zuper webhooks removed\n  done: API key and webhook secret deleted from this service\n`,
    );
    const qbo = await qz('disconnect', 'qbo', cs.id);
    assert.equal(qbo.code, 0);
    assert.equal(
      qbo.stdout,
      `Disconnected QuickBooks from "${cs.id}":\n  done: QuickBooks authorisation revoked at Intuit\n  done: tokens deleted from this service\n`,
    );
    const again = await qz('disconnect', 'qbo', cs.id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is not connected to QuickBooks/);
    const status = await qz('status', cs.id);
    // Disconnecting forgets the company too, so another QuickBooks company can be connected next. The connection
    // keeps the Web Connector login of `connect qbd` above, which made QuickBooks Desktop its accounting system.
    assert.match(status.stdout, /\n {2}QuickBooks Desktop +QuickBooks Desktop, reached when its Web Connector polls/);
  });

  it('disconnect qbd deletes the Web Connector login and stops the watch; an unknown system is refused', async () => {
    const watch = stack.ctx.temporal.workflow.getHandle(adjustmentWatchWorkflowId(cs.id));
    assert.equal((await watch.describe()).status.name, 'RUNNING');
    const qbd = await qz('disconnect', cs.id, 'qbd');
    assert.equal(qbd.code, 0, qbd.stderr);
    assert.equal(
      qbd.stdout,
      `Disconnected QuickBooks Desktop from "${cs.id}":\n` +
        '  done: nothing to revoke in QuickBooks Desktop; the Web Connector keeps listing the application until you remove it there\n' +
        '  done: Web Connector login deleted from this service (the Web Connector is now refused); requests still waiting for it withdrawn\n',
    );
    assert.equal(await storedCredentials(stack.ctx.store).findQbdLogin(`qzsync-${cs.id}`), null);
    assert.equal((await watch.describe()).status.name, 'TERMINATED');
    const again = await qz('disconnect', 'qbd', cs.id);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      new RegExp(`^Error: Connection "${cs.id}" is not connected to QuickBooks Desktop\\.\\n`),
    );
    const unknown = await qz('disconnect', cs.id, 'xero');
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      new RegExp(`^Error: The system must be one of qbo, qbd, zuper, not "${cs.id}" or "xero"\\.\\n`),
    );
  });

  it('a wrong token exits 4 (unauthorised), not 3 (unreachable)', async () => {
    const wrong = { ...env, OPERATOR_TOKEN: 'wrong-token-of-enough-length' };
    const run = await cli(['connections'], wrong);
    assert.equal(run.code, 4);
    assert.match(run.stderr, /^Error: The service at .* refused the operator token\.\nFix: Set OPERATOR_TOKEN/);
    const json = await cli(['status', 'acme', '--json'], wrong);
    assert.equal(json.code, 4);
    assert.equal(json.json().error.code, 'unauthorized');
    assert.equal(json.stderr.split('\n')[0], run.stderr.split('\n')[0]);
  });

  it('the installed bin runs as a program with the same output and exit codes', async () => {
    const bin = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'connections'], {
      env: { ...process.env, ...env },
    });
    assert.match(stdout, /\nnewco +New Co/);
    const failed = await promisify(execFile)(process.execPath, [bin, 'show', 'x'], {
      env: { ...process.env, ...env },
    }).catch((e: { code: number; stderr: string }) => e);
    assert.equal((failed as { code: number }).code, 2);
  });
});
