import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsChangeSchema } from '../../service/connection-settings.js';
import { systemClis } from '../../integrations/system-commands.js';
import { systemOperatorRoutes } from '../../integrations/system-routes.js';
import { commands } from '../../cli/commands/index.js';

/** The compiled tree: this file is dist/test/cli/. */
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe("each system's CLI parts", () => {
  it('configure flags set a setting the operator API takes under that name, and only its choices', () => {
    for (const cli of systemClis) {
      for (const flag of cli.configure) {
        const value = flag.choices?.[0] ?? 'Sales';
        const change = { [flag.setting]: flag.key ? { [flag.key]: value } : value };
        const parsed = settingsChangeSchema.safeParse(change);
        assert.ok(parsed.success, `--${flag.flag}: ${parsed.error?.message ?? ''}`);
        assert.deepEqual(parsed.data, change, `--${flag.flag} is kept as given`);
        if (flag.choices) {
          for (const choice of flag.choices)
            assert.ok(settingsChangeSchema.safeParse({ [flag.setting]: choice }).success);
          assert.ok(!settingsChangeSchema.safeParse({ [flag.setting]: 'none-of-them' }).success, `--${flag.flag}`);
        }
      }
    }
  });

  it('flag and command names are unique across systems and the CLI', () => {
    const configure = commands.find((c) => c.name === 'configure');
    const flags = systemClis.flatMap((cli) => cli.configure.map((f) => f.flag));
    assert.equal(new Set(flags).size, flags.length);
    assert.equal(
      Object.keys(configure?.options ?? {}).length,
      flags.length + 4,
      'the four shared flags and every system flag',
    );
    const names = commands.map((c) => c.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('every endpoint a CLI part sends to is one a system mounts in the operator API', () => {
    const mounted = new Set(systemOperatorRoutes.map((r) => r.endpoint));
    for (const cli of systemClis) {
      const noOptions = { string: () => undefined, refuse: (message: string): never => assert.fail(message) };
      const withOptions = { ...noOptions, string: (name: string) => (name === 'every' ? '5m' : 'x'.repeat(10)) };
      for (const command of [cli.connect, ...cli.commands]) {
        for (const typed of [noOptions, withOptions]) {
          let endpoint;
          try {
            endpoint = command.request(typed).endpoint;
          } catch {
            continue; // options it cannot go without
          }
          assert.ok(mounted.has(endpoint), `${cli.system}: ${endpoint.method} ${endpoint.path}`);
        }
      }
    }
  });
});

/** Every compiled module the CLI loads, and the packages they import (type-only imports are gone once compiled). */
function importGraph(entry: string): { modules: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const imports = /^(?:import\s*['"]([^'"]+)['"]|(?:import|export)\s[^;'"=]*?\sfrom\s*['"]([^'"]+)['"])/gm;
    for (const [, bare, named] of readFileSync(file, 'utf8').matchAll(imports)) {
      const spec = bare ?? named ?? '';
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec.startsWith('node:') ? 'node:' : spec.split('/')[0]!);
    }
  };
  visit(resolve(dist, entry));
  return { modules: [...seen].map((file) => relative(dist, file)), packages };
}

describe('the CLI is an HTTP client', () => {
  it('loads no module of the server: the operator contracts, domain rules and each system’s client-side parts only', () => {
    const { modules, packages } = importGraph('cli/main.js');
    const clientSide = (module: string) =>
      /^(cli|domain|operator\/contract)\//.test(module) ||
      /^integrations\/(system-(commands|cli|api|contracts)|connection-settings|side-settings)\.js$/.test(module) ||
      /^integrations\/[a-z]+\/(commands|operator-contract|connection-settings)\.js$/.test(module);
    assert.deepEqual(
      modules.filter((module) => !clientSide(module)),
      [],
    );
    assert.ok(modules.includes('integrations/system-commands.js'), 'the systems’ parts come through their registry');
    assert.deepEqual([...packages].sort(), ['commander', 'node:', 'zod']);
  });
});
