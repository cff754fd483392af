import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root: this file compiles to dist/scripts/, its source sits in scripts/. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const skipped = new Set(['node_modules', 'dist', 'data', '.git']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const topFolder = (file: string) => relative(root, file).split(sep)[0]!;

/** Folder → folder → the file-level imports that make the edge (to name them in a report). */
export type FolderGraph = Map<string, Map<string, string[]>>;

/**
 * The import graph between top-level folders, type-only imports included: a type import is a dependency of the
 * design even though the compiler erases it.
 */
export function folderGraph(): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = topFolder(file);
    if (!file.slice(root.length + 1).includes(sep)) continue; // files at the root belong to no folder
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = topFolder(resolve(dirname(file), fileName));
      if (to === from || to.startsWith('..')) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), `${relative(root, file)} → ${fileName}`]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every group of folders that import each other (strongly connected components of more than one folder). */
export function folderCycles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Each folder import that lies on a cycle, as `from → to`. */
export function cycleEdges(graph: FolderGraph): string[] {
  return folderCycles(graph).flatMap((group) =>
    group.flatMap((from) =>
      [...(graph.get(from)?.keys() ?? [])].filter((to) => group.includes(to)).map((to) => `${from} → ${to}`),
    ),
  );
}

/** `node dist/scripts/folder-imports.js`: prints the folder graph and its cycles, exits 1 if there is a cycle. */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = folderGraph();
  for (const [from, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${from} → ${[...edges.keys()].sort().join(', ')}`);
  }
  const cycles = folderCycles(graph);
  for (const group of cycles) {
    console.log(`\ncycle: ${group.join(' ↔ ')}`);
    for (const from of group) {
      for (const [to, imports] of graph.get(from) ?? []) {
        if (group.includes(to)) for (const line of imports) console.log(`  ${line}`);
      }
    }
  }
  if (cycles.length === 0) console.log('\nno cycle between top-level folders');
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
