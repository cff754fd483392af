import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file compiles to dist/test/scripts/. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A system's name as code or prose may write it. */
const vendorName = /qbo|qbd|zuper|quickbooks/i;

/**
 * The modules of `cli/` and `operator/` allowed to name a system: the operator API's fields named after one, kept for
 * the clients that read them, and the CLI's lines showing them (docs/adr/0017-system-commands.md).
 */
const compatibility = ['cli/format/vendor-named-fields.ts', 'operator/contract/vendor-named-fields.ts'];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [relative(root, path)] : [];
  });

const namingVendors = (folder: string) =>
  sources(join(root, folder)).filter((file) => vendorName.test(readFileSync(join(root, file), 'utf8')));

test('cli/ and operator/ name no system outside their compatibility modules: each system declares its own parts', () => {
  for (const folder of ['cli', 'operator']) {
    const files = sources(join(root, folder));
    assert.ok(files.length > 10, `${folder}/ has its modules`);
    assert.deepEqual(
      namingVendors(folder).filter((file) => !compatibility.includes(file)),
      [],
      `${folder}/ modules naming a system (declare it in integrations/<system>/ instead)`,
    );
  }
});

test('the compatibility modules still name what they are kept for, and the check sees a name in any case', () => {
  for (const file of compatibility) assert.match(readFileSync(join(root, file), 'utf8'), vendorName);
  for (const sample of ['qboReads', 'connect-QBD', 'ZuperChange', 'QuickBooks Online'])
    assert.match(sample, vendorName);
  assert.doesNotMatch('accounting side, field side', vendorName);
});
