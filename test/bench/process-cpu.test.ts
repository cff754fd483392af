import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { processCpuSeconds } from '../../bench/support/rss.js';

const nodeCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

test("a process's CPU seconds from /proc are those Node counts for itself, to a clock tick", () => {
  let sum = 0;
  for (let i = 0; i < 2e8; i++) sum += i % 7;
  assert.ok(sum > 0);
  const before = nodeCpuSeconds();
  const fromProc = processCpuSeconds(process.pid);
  const after = nodeCpuSeconds();
  assert.ok(fromProc > 0.05, `some CPU time was used: ${fromProc}`);
  assert.ok(fromProc >= before - 0.02 && fromProc <= after + 0.02, `${before} ≤ ${fromProc} ≤ ${after} (±1 tick)`);
});

test('a process that is gone has no CPU seconds', () => {
  const gone = spawnSync('true').pid;
  assert.ok(Number.isNaN(processCpuSeconds(gone)));
});
