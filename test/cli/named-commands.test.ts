import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from './run-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// The product's own texts: every source folder the service and its tools are built from, and the docs; tests only
// quote them.
const skipped = new Set(['node_modules', 'dist', 'data', 'test', '.git']);

async function sources(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sources(full)));
    else if (/\.(ts|md)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** Every `qzsync <command>` a text names (inline code, or a shell line running it), with where. */
async function namedCommands(): Promise<Map<string, string[]>> {
  const named = new Map<string, string[]>();
  for (const file of await sources(root)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/(?:`|^\s*(?:\$ )?)(?:npx )?qzsync ([a-z][a-z-]*)/gm)) {
      const where = `${path.relative(root, file)}:${text.slice(0, match.index).split('\n').length}`;
      named.set(match[1]!, [...(named.get(match[1]!) ?? []), where]);
    }
  }
  return named;
}

describe('commands named in the product texts', () => {
  it('every `qzsync <command>` in a message, fix, help or doc is a command of the CLI', async () => {
    const named = await namedCommands();
    assert.ok(
      named.has('link-item') && named.has('configure'),
      `the scan finds the texts (${[...named.keys()].join(', ')})`,
    );
    for (const [command, places] of named) {
      // `help <command>` is answered by the CLI's commander program, which refuses a command it does not have.
      const run = await cli(['help', command], {});
      assert.equal(
        run.code,
        0,
        `\`qzsync ${command}\` is named at ${places.join(', ')} but is not a command: ${run.stderr}`,
      );
    }
  });

  it('the check refuses a command the CLI does not have', async () => {
    const run = await cli(['help', 'unlink'], {});
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command "unlink"/);
  });
});
