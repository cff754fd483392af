import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSystem, systemLabel } from '../../domain/systems.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** Each system's folder name under integrations/ and the first word of the name users know it by ("QuickBooks"). */
function systemWords(): string[] {
  const folders = readdirSync(join(repo, 'integrations'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [...new Set(folders.flatMap((name) => (isSystem(name) ? [name, systemLabel(name).split(' ')[0]!] : [name])))];
}

/** Lines of `text` naming one of `words`, case aside, as `line: text`. */
function linesNaming(text: string, words: readonly string[]): string[] {
  const pattern = new RegExp(words.join('|'), 'i');
  return text.split('\n').flatMap((line, index) => (pattern.test(line) ? [`${index + 1}: ${line.trim()}`] : []));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * A system's tables, migrations and repositories live in its own folder (docs/adr/0016-systems-own-their-storage.md):
 * storage/ names no system, except in the core's migrations, which keep the names they were recorded with.
 */
test('storage/ names no system outside its migrations', () => {
  const words = systemWords();
  const storage = join(repo, 'storage');
  const naming = sourceFiles(storage)
    .filter((file) => !relative(storage, file).startsWith('migrations'))
    .flatMap((file) => linesNaming(readFileSync(file, 'utf8'), words).map((line) => `${relative(repo, file)}:${line}`));
  assert.deepEqual(naming, []);
});

/**
 * The modules of `operator/` and `cli/` allowed to name a system: the operator API's fields named after one, kept for
 * the clients that read or send them, and what the CLI shows of them (docs/adr/0017-system-commands.md). Everything
 * else a system offers there is declared in its folder.
 */
const compatibility = ['cli/format/vendor-named-fields.ts', 'operator/contract/vendor-named-fields.ts'];

test('operator/ and cli/ name no system outside their compatibility modules', () => {
  const words = systemWords();
  for (const folder of ['operator', 'cli']) {
    const files = sourceFiles(join(repo, folder)).map((file) => relative(repo, file));
    assert.ok(files.length > 10, `${folder}/ has its modules`);
    const naming = files
      .filter((file) => !compatibility.includes(file))
      .flatMap((file) => linesNaming(readFileSync(join(repo, file), 'utf8'), words).map((line) => `${file}:${line}`));
    assert.deepEqual(naming, [], `${folder}/ names a system: declare it in integrations/<system>/`);
  }
  for (const file of compatibility) assert.notDeepEqual(linesNaming(readFileSync(join(repo, file), 'utf8'), words), []);
});

test('the check sees a system named in code or prose, and nothing in a neutral line', () => {
  const words = systemWords();
  assert.ok(words.includes('qbd') && words.includes('QuickBooks'), words.join(', '));
  assert.deepEqual(linesNaming("const queue = 'none';\nINSERT INTO qbd_requests\n", words), [
    '2: INSERT INTO qbd_requests',
  ]);
  assert.deepEqual(linesNaming('/** metered quickbooks reads */', words), ['1: /** metered quickbooks reads */']);
  assert.deepEqual(linesNaming('s.qboReads.level; connect-QBD; ZuperChange', words), [
    '1: s.qboReads.level; connect-QBD; ZuperChange',
  ]);
  assert.deepEqual(linesNaming('/** each side stored its credentials */', words), []);
});

/**
 * The modules of the core folders allowed to name a system, each with why: what histories, links and history rows
 * recorded under vendor names (kept readable until the last such run or row is gone), and the system registry.
 * Everything else there speaks of sides (docs/sides.md) and asks a system's folder through its port or capabilities.
 */
const coreCompatibility: Record<string, string> = {
  'domain/systems.ts': 'the registry of systems: their folder names, labels and sides',
  'domain/metered-reads.ts':
    "one accounting system's monthly read metering and its setting; to move behind a capability",
  'domain/recorded-shapes/settle-plan.ts': 'flat settle plans on links and outcomes in histories',
  'domain/recorded-shapes/settle-request.ts': 'settle requests, results and commit references in histories',
  'domain/recorded-shapes/drift-report.ts': 'drift reports and scans in histories and history rows',
  'domain/recorded-shapes/link-action.ts': 'linking actions in stored plans, report details and histories',
  'domain/recorded-shapes/item-ids.ts': 'item ids in run inputs and activity tasks',
  'domain/recorded-shapes/item-sync-target.ts': 'item sync targets in run inputs and the catalog word of older ids',
  'activities/recorded-activity-names.ts': 'activity names older histories schedule',
  'workflows/recorded-names.ts': 'patch ids, activity names and search attribute names recorded in histories',
  'client/recorded-workflow-ids.ts': 'workflow ids older runs still run under',
};

test('activities/, workflows/, domain/, client/ and worker/ name no system outside their compatibility modules', () => {
  const words = systemWords();
  for (const folder of ['activities', 'workflows', 'domain', 'client', 'worker']) {
    const files = sourceFiles(join(repo, folder)).map((file) => relative(repo, file));
    assert.ok(files.length > 2, `${folder}/ has its modules`);
    const naming = files
      .filter((file) => !Object.hasOwn(coreCompatibility, file))
      .flatMap((file) => linesNaming(readFileSync(join(repo, file), 'utf8'), words).map((line) => `${file}:${line}`));
    assert.deepEqual(
      naming,
      [],
      `${folder}/ names a system: say it in generic words, or keep it in integrations/<system>/`,
    );
  }
  for (const file of Object.keys(coreCompatibility))
    assert.notDeepEqual(
      linesNaming(readFileSync(join(repo, file), 'utf8'), words),
      [],
      `${file} still needs its place`,
    );
});

/**
 * A system's cards, routes and settings fields in the web console are declared in its folder (`console.tsx`, listed in
 * `integrations/system-consoles.ts`; docs/adr/0022-system-console-parts.md): console/ names no system.
 */
test('console/ names no system', () => {
  const words = systemWords();
  const files = sourceFiles(join(repo, 'console')).map((file) => relative(repo, file));
  assert.ok(files.length > 10, 'console/ has its modules');
  const naming = files.flatMap((file) =>
    linesNaming(readFileSync(join(repo, file), 'utf8'), words).map((line) => `${file}:${line}`),
  );
  assert.deepEqual(naming, [], 'console/ names a system: declare it in integrations/<system>/console.tsx');
});
