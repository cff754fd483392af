// `docker compose build` without a Docker engine: copies the build context exactly as Docker would send it (the
// repository minus .dockerignore), then runs the Dockerfile's build command there. A source file that imports
// something the context leaves out fails here as it would fail `RUN npm run build` in the image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRepoFile, repoRoot } from './compose-file.js';

/** Docker's .dockerignore rules: root-anchored globs (`*`, `?`, `**`), `!` re-includes, the last match wins. */
export function dockerignoreMatcher(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const glob = (include ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = glob
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part.startsWith('**')
            ? '(?:.*/)?'
            : part === '*'
              ? '[^/]*'
              : part === '?'
                ? '[^/]'
                : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('');
      // A rule that names a directory covers everything under it.
      return { include, pattern: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (path) => rules.reduce((ignored, rule) => (rule.pattern.test(path) ? !rule.include : ignored), false);
}

test('the .dockerignore matcher follows Docker: anchored at the root, directories cover their contents, ! re-includes', () => {
  const ignored = dockerignoreMatcher('test\n*.log\n.env.*\nsrc/**/*.tmp\n!keep.log');
  assert.ok(ignored('test') && ignored('test/support/x.ts'));
  assert.ok(!ignored('app/test/x.ts'), 'not anchored elsewhere');
  assert.ok(ignored('a.log') && !ignored('logs/a.log') && !ignored('keep.log'));
  assert.ok(ignored('.env.production') && !ignored('.env-example'));
  assert.ok(ignored('src/a/b/c.tmp') && ignored('src/c.tmp') && !ignored('src/c.ts'));
});

/** Copies what Docker would send as the build context into `target`. */
function copyBuildContext(source: string, target: string, ignored: (path: string) => boolean): void {
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const path = relative(fileURLToPath(repoRoot), from);
    if (ignored(path)) continue;
    if (entry.isDirectory()) copyBuildContext(from, target, ignored);
    else cpSync(from, join(target, path));
  }
}

test('the Dockerfile build command compiles the exact build context', { timeout: 300_000 }, () => {
  const root = fileURLToPath(repoRoot);
  const context = mkdtempSync(join(tmpdir(), 'docker-context-'));
  try {
    copyBuildContext(root, context, dockerignoreMatcher(readRepoFile('.dockerignore')));
    assert.ok(!existsSync(join(context, 'node_modules')) && !existsSync(join(context, '.env')));
    // `npm ci` in the image installs from the same lockfile as this checkout's node_modules.
    symlinkSync(join(root, 'node_modules'), join(context, 'node_modules'), 'dir');
    const dockerfile = readRepoFile('Dockerfile');
    assert.match(dockerfile, /^RUN npm run build && npm prune/m, 'the build step this test runs');
    const build = spawnSync('npm', ['run', 'build'], { cwd: context, encoding: 'utf8' });
    assert.equal(build.status, 0, `${build.stdout}\n${build.stderr}`);
    for (const entry of ['dist/app/worker-main.js', 'dist/app/server-main.js', 'dist/cli/main.js']) {
      assert.ok(existsSync(join(context, entry)), `${entry} is built (compose runs it)`);
    }
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
});
