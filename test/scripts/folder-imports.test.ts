import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleEdges, folderCycles, folderGraph } from '../../scripts/folder-imports.js';

/**
 * Top-level folders import one another in one direction only: a cycle between folders fails here, and
 * `node dist/scripts/folder-imports.js` names the file imports that make it.
 */
test('no import cycle between top-level folders', () => {
  assert.deepEqual(cycleEdges(folderGraph()), []);
});

test('the cycle finder sees a cycle through three folders and none in a chain', () => {
  const graph = (edges: [string, string][]) => {
    const g = new Map<string, Map<string, string[]>>();
    for (const [from, to] of edges) g.set(from, (g.get(from) ?? new Map<string, string[]>()).set(to, []));
    return g;
  };
  assert.deepEqual(
    folderCycles(
      graph([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ]),
    ),
    [['a', 'b', 'c']],
  );
  assert.deepEqual(
    folderCycles(
      graph([
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ]),
    ),
    [],
  );
});
