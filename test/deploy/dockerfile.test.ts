import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRepoFile } from './compose-file.js';

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  base: string;
  name: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions, joining `\` continuations and dropping comments. */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      const [base = '', as, name = String(stages.length)] = rest;
      assert.ok(as === undefined || as.toUpperCase() === 'AS', `FROM ${args}`);
      stages.push({ base, name, instructions: [] });
    } else {
      const stage = stages.at(-1);
      assert.ok(stage, `${op} before the first FROM`);
      stage.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

const stages = parseDockerfile(readRepoFile('Dockerfile'));
const runtime = stages.at(-1);
const build = stages[0];

/** Index of the first instruction of `op` whose arguments match, or -1. */
const find = (stage: Stage | undefined, op: string, args: RegExp): number =>
  stage?.instructions.findIndex((instruction) => instruction.op === op && args.test(instruction.args)) ?? -1;

test('both stages build on node:20-bookworm-slim', () => {
  assert.equal(stages.length, 2);
  assert.deepEqual(
    stages.map((stage) => stage.base),
    ['node:20-bookworm-slim', 'node:20-bookworm-slim'],
  );
});

test('the build stage installs from the lockfile, builds, then drops dev dependencies', () => {
  const manifests = find(build, 'COPY', /^package\.json package-lock\.json \.\/$/);
  const install = find(build, 'RUN', /\bnpm ci\b/);
  const sources = find(build, 'COPY', /^\. \.$/);
  const compile = find(build, 'RUN', /\bnpm run build\b/);
  const prune = find(build, 'RUN', /\bnpm run build\b.*\bnpm prune --omit=dev\b/);
  assert.ok(manifests >= 0 && manifests < install, 'lockfile copied before npm ci, so the install layer caches');
  assert.ok(install < sources && sources <= compile, 'npm ci, then sources, then build');
  assert.equal(prune, compile, 'dev dependencies pruned after the build');
  assert.equal(find(build, 'ENV', /NODE_ENV/), -1, 'NODE_ENV=production before npm ci would skip the build tools');
});

test('the runtime stage copies only the build output and runs as a non-root user in production mode', () => {
  assert.ok(runtime && build && runtime !== build);
  const copies = runtime.instructions.filter((instruction) => instruction.op === 'COPY').map((i) => i.args);
  assert.deepEqual(copies, [
    `--from=${build.name} /app/package.json /app/package-lock.json ./`,
    `--from=${build.name} /app/node_modules ./node_modules`,
    `--from=${build.name} /app/dist ./dist`,
  ]);
  assert.equal(find(runtime, 'RUN', /npm (ci|install)/), -1, 'no reinstall in the runtime stage');
  assert.notEqual(find(runtime, 'ENV', /^NODE_ENV=production$/), -1);
  const users = runtime.instructions.filter((instruction) => instruction.op === 'USER').map((i) => i.args);
  assert.deepEqual(users, ['node']);
  assert.ok(find(runtime, 'USER', /.*/) < find(runtime, 'CMD', /.*/), 'USER applies to the command');
  assert.equal(runtime.instructions.at(-1)?.args, '["node", "dist/app/server-main.js"]');
});

test('.dockerignore keeps host builds, dependencies and secrets out of the build context', () => {
  const ignored = new Set(
    readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  for (const entry of ['node_modules', 'dist', '.env', '.env.*', '.git', 'data']) {
    assert.ok(ignored.has(entry), entry);
  }
  for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', '*', '*.ts', '*.json']) {
    assert.ok(!ignored.has(needed), `${needed} is needed by npm ci / npm run build`);
  }
});
