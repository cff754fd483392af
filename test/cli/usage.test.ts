import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/free-port.js';
import { resolveTarget } from '../../cli/target.js';
import { cli } from './run-cli.js';

const env = { OPERATOR_TOKEN: 'a-token-of-at-least-24-characters', QZSYNC_URL: 'http://127.0.0.1:9' };

describe('qzsync help and usage errors', () => {
  it('--help lists every command with the exit codes; no command at all is a usage error', async () => {
    const help = await cli(['--help'], env);
    assert.equal(help.code, 0);
    for (const name of [
      'connections',
      'connect',
      'configure',
      'check',
      'link',
      'reconcile',
      'schedule',
      'status',
      'history',
      'show',
      'retry',
      'disconnect',
    ]) {
      assert.match(help.stdout, new RegExp(`\\n  ${name} +\\S`), name);
    }
    assert.match(
      help.stdout,
      /Exit codes: 0 done, 1 failed or needs attention, 2 usage error, 3 service unreachable, 4 operator token\nmissing or refused \(unauthorised\)\.\n/,
    );
    const none = await cli([], env);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: qzsync <command>/);
  });

  it('every command has --help with its usage and options', async () => {
    const configure = await cli(['configure', '--help'], env);
    assert.equal(configure.code, 0);
    assert.match(configure.stdout, /^qzsync configure: /);
    assert.match(
      configure.stdout,
      /\n {2}--qbo-quantity-write <mode> +How quantities are written to QuickBooks Online: inventory-adjustment \(US companies\) or qty-on-hand/,
    );
    // Each side's own flags are listed under the system they belong to.
    assert.match(configure.stdout, /\n {4}QuickBooks Desktop \(accounting\): \[--qbd-income-account name\]/);
    assert.match(configure.stdout, /\n {4}Zuper \(field\): +--default-location <uid>\n/);
    assert.match(configure.stdout, /\n {2}--json +Print one JSON document/);
    const viaHelp = await cli(['help', 'link'], env);
    assert.match(viaHelp.stdout, /\n {2}qzsync link <id> \[--dry-run\]\n/);
  });

  const usageErrors: [string[], RegExp][] = [
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['link'], /Missing <id>/],
    [['link', 'acme', 'extra'], /Unexpected argument "extra"/],
    [['link', 'acme', '--dry'], /Unknown option '--dry'/],
    [['connect', 'sage', 'acme'], /The system must be one of qbo, zuper, qbd, not "sage"/],
    [['connect', 'zuper', 'acme', '--company', 'acme'], /connect zuper needs --company and --api-key/],
    [['configure', 'acme'], /Nothing to change/],
    [
      ['configure', 'acme', '--master', 'xero'],
      /--master must be one of accounting, field, qbo, qbd, zuper, not "xero"/,
    ],
    [['configure', 'acme', '--min-quantity', 'lots'], /--min-quantity expects a number, not "lots"/],
    [['history', 'acme', '--limit', '0'], /^Error: --limit expects a whole number from 1 to 500, not "0"\.\n/],
    [['history', 'acme', '--limit', '-3'], /^Error: --limit expects a whole number from 1 to 500, not "-3"\.\n/],
    [['history', 'acme', '--limit=-3'], /^Error: --limit expects a whole number from 1 to 500, not "-3"\.\n/],
    [['history', 'acme', '--limit', '501'], /^Error: --limit expects a whole number from 1 to 500, not "501"\.\n/],
    [['history', 'acme', '--limit'], /^Error: --limit needs a value\.\n/],
    [['link', 'acme', '--dryrun'], /^Error: Unknown option '--dryrun'; did you mean --dry-run\?\n/],
    [['status', '--bogus'], /^Error: Unknown option '--bogus'\.\nUsage:\n {2}qzsync status \[id\]\n/],
    [['frobnicate', '--bogus'], /^Error: Unknown command "frobnicate"\.\n/],
    [['schedule', 'acme', 'stop'], /The action must be one of pause, resume, trigger, show, not "acme" or "stop"/],
    [['disconnect', 'acme'], /^Error: Missing <system>\.\n/],
    [['disconnect', 'acme', 'xero'], /^Error: The system must be one of qbo, qbd, zuper, not "acme" or "xero"\.\n/],
    [['connections', 'add'], /^Error: Missing <id>\.\n/],
    [['show'], /^Error: Missing <history-id>\.\n/],
    [['show', 'acme', '2', '3'], /^Error: Unexpected argument "3"\.\n/],
    [['show', 'acme', 'x'], /<history-id> is the number `qzsync history` shows, not "x"/],
    [['schedule', 'stop', 'acme'], /The action must be one of pause, resume, trigger, show/],
    [['show', 'abc'], /<history-id> is the number `qzsync history` shows, not "abc"/],
    [['status', 'a', 'b'], /Unexpected argument "b"/],
  ];
  for (const [argv, message] of usageErrors) {
    it(`exit 2 for: qzsync ${argv.join(' ')}`, async () => {
      const run = await cli(argv, env);
      assert.equal(run.code, 2);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }

  it('with --json a usage error is also one JSON document on stdout', async () => {
    const run = await cli(['show', 'abc', '--json'], env);
    assert.equal(run.code, 2);
    assert.deepEqual(run.json(), {
      error: { code: 'usage', message: '<history-id> is the number `qzsync history` shows, not "abc".' },
    });
    const unknown = await cli(['status', '--bogus', '--json'], env);
    assert.equal(unknown.code, 2);
    assert.deepEqual(unknown.json(), { error: { code: 'usage', message: "Unknown option '--bogus'." } });
  });

  it('a bad QZSYNC_URL is a usage error', async () => {
    const run = await cli(['connections'], { ...env, QZSYNC_URL: 'ftp://x' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /"ftp:\/\/x" is not an http\(s\) URL \(from QZSYNC_URL\)/);
  });
});

describe('qzsync against no service', () => {
  it('exits 3 with how to start the service when nothing listens', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await cli(['connections'], { ...env, QZSYNC_URL: url });
    assert.equal(run.code, 3);
    assert.match(
      run.stderr,
      new RegExp(`Error: The qzsync service at ${url} is not reachable \\(.*ECONNREFUSED.*\\)\\.\\nFix: Start it`),
    );
    const json = await cli(['status', '--json'], { ...env, QZSYNC_URL: url });
    assert.equal(json.code, 3);
    assert.equal((json.json() as { error: { code: string } }).error.code, 'unreachable');
  });

  it('exits 4 (unauthorised) without any operator token', async () => {
    const run = await cli(['connections'], {
      QZSYNC_URL: 'http://127.0.0.1:9',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'qzs-')),
    });
    assert.equal(run.code, 4);
    assert.match(run.stderr, /No operator token was found\.\nFix: Set OPERATOR_TOKEN/);
    const json = await cli(['status', '--json'], {
      QZSYNC_URL: 'http://127.0.0.1:9',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'qzs-')),
    });
    assert.equal(json.code, 4);
    assert.equal((json.json() as { error: { code: string } }).error.code, 'unauthorised');
  });
});

describe('resolveTarget', () => {
  it('defaults to the local service on HTTP_PORT and reads the development token file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qzs-'));
    writeFileSync(join(dataDir, 'operator-token'), 'file-token\n');
    assert.deepEqual(resolveTarget({ HTTP_PORT: '4000', DATA_DIR: dataDir }, undefined), {
      baseUrl: 'http://127.0.0.1:4000',
      token: 'file-token',
    });
    assert.deepEqual(
      resolveTarget({ OPERATOR_TOKEN: 'env-token', QZSYNC_URL: 'http://a:1', DATA_DIR: dataDir }, 'https://b'),
      {
        baseUrl: 'https://b',
        token: 'env-token',
      },
    );
  });
});
