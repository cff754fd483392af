import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const load = async <T>(file: string) => (await import(pathToFileURL(join(repo, file)).href)) as { default: T };

/** Files of a throw-away tree: a domain module that does I/O, one that reaches it, one that imports only its types. */
const fixture: Record<string, string> = {
  'domain/files.ts':
    "import { readFileSync } from 'node:fs';\nexport const read = (p: string) => readFileSync(p, 'utf8');\n",
  'domain/pure.ts': "import { read } from './files.js';\nexport const twice = (p: string) => read(p) + read(p);\n",
  'domain/shapes.ts':
    "import type { read } from './files.js';\nexport type Reader = typeof read;\nexport const one = 1;\n",
  'domain/io-reexport.ts': "export { load } from '../storage/load.js';\n",
  'storage/load.ts': 'export const load = () => 1;\n',
};

void describe('lint: what workflow code reaches through its imports', () => {
  let dir: string;
  let lint: (code: string) => Linter.LintMessage[];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'workflow-imports-'));
    for (const [file, text] of Object.entries(fixture)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    const { default: rule } = await load<Rule.RuleModule>('scripts/workflow-imports-rule.mjs');
    const linter = new Linter({ cwd: dir });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { sandbox: { rules: { 'workflow-imports': rule } } },
        rules: { 'sandbox/workflow-imports': ['error', { banned: ['node:fs'], bannedFolders: ['storage'] }] },
      },
    ];
    lint = (code) => linter.verify(code, config, { filename: join(dir, 'workflows/example.ts') });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  void it('fails a workflow that reaches node:fs through a domain module, naming the path', () => {
    const messages = lint("import { twice } from '../domain/pure.js';\nexport const w = () => twice('x');\n");
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.ruleId, 'sandbox/workflow-imports');
    assert.match(messages[0]?.message ?? '', /reaches node:fs through domain\/pure\.ts → domain\/files\.ts/);
  });

  void it('fails a workflow that reaches an I/O folder through a re-export', () => {
    const messages = lint("import { load } from '../domain/io-reexport.js';\nexport const w = () => load();\n");
    assert.equal(messages.length, 1);
    assert.match(
      messages[0]?.message ?? '',
      /reaches storage\/load\.ts \(an I\/O module\) through domain\/io-reexport\.ts/,
    );
  });

  void it('allows type-only imports, since the compiler erases them', () => {
    assert.deepEqual(
      lint(
        "import type { twice } from '../domain/pure.js';\nimport { type Reader, one } from '../domain/shapes.js';\n" +
          'export type T = typeof twice | Reader;\nexport const w = one;\n',
      ),
      [],
    );
  });

  void it('is switched on for workflows/ in the repository config', async () => {
    const { default: configs } = await load<Linter.Config[]>('eslint.config.js');
    const forWorkflows = configs.find((c) => c.files?.includes('workflows/**/*.ts'));
    assert.deepEqual((forWorkflows?.rules?.['sandbox/workflow-imports'] as unknown[] | undefined)?.[0], 'error');
  });
});
