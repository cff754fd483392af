import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * ESLint rule for workflow files: follows every value import (type-only imports are erased at compile time) through
 * the repository's own modules and reports the import through which a banned module is reached, e.g.
 * workflows/x.ts → domain/y.ts → node:fs. The workflow bundle would otherwise only fail at worker start-up, or not at
 * all if the sandbox happened to tolerate the module.
 *
 * Options: `{ banned: string[], bannedFolders: string[] }`: module specifiers never allowed, and repository folders
 * (relative to the working directory) whose modules may only be imported for their types.
 */
const cache = new Map();

/** The value imports of one source file: `[specifier, resolved file or null]`. */
function valueImports(file) {
  const cached = cache.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found = [];
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!carriesValues(statement)) continue;
    found.push([statement.moduleSpecifier.text, resolveLocal(file, statement.moduleSpecifier.text)]);
  }
  cache.set(file, found);
  return found;
}

function carriesValues(statement) {
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return true;
    if (clause.isTypeOnly) return false;
    if (clause.name) return true;
    const bindings = clause.namedBindings;
    if (!bindings || ts.isNamespaceImport(bindings)) return true;
    return bindings.elements.length === 0 || bindings.elements.some((e) => !e.isTypeOnly);
  }
  if (statement.isTypeOnly) return false;
  const clause = statement.exportClause;
  return !clause || !ts.isNamedExports(clause) || clause.elements.some((e) => !e.isTypeOnly);
}

/** `./x.js` → `./x.ts` (NodeNext style); null for packages and Node built-ins. */
function resolveLocal(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.(m?)js$/, '.$1ts'), base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((c) => /\.m?ts$/.test(c) && existsSync(c)) ?? null;
}

/** The first chain of files from `start` to a banned module, or null. */
function findBanned(start, isBanned) {
  const seen = new Set([start]);
  const queue = [[start, []]];
  while (queue.length > 0) {
    const [file, chain] = queue.shift();
    for (const [specifier, target] of valueImports(file)) {
      const reason = isBanned(specifier, target);
      if (reason) return [...chain, reason];
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push([target, [...chain, target]]);
      }
    }
  }
  return null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'No Node built-in or I/O module may be reached from workflow code, directly or not.' },
    schema: [
      {
        type: 'object',
        properties: {
          banned: { type: 'array', items: { type: 'string' } },
          bannedFolders: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      reached:
        'Workflow code runs in the Temporal sandbox, but this import reaches {{what}} through {{chain}}. ' +
        'Import only types from there, or move the I/O into an activity.',
    },
  },
  create(context) {
    const { banned = [], bannedFolders = [] } = context.options[0] ?? {};
    const bannedSet = new Set(banned);
    const root = context.cwd;
    const folders = bannedFolders.map((f) => resolve(root, f) + '/');
    const isBanned = (specifier, target) => {
      if (bannedSet.has(specifier)) return specifier;
      if (target && folders.some((f) => target.startsWith(f))) return `${relative(root, target)} (an I/O module)`;
      return null;
    };
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      if (node.importKind === 'type' || node.exportKind === 'type') return;
      const specifiers = node.specifiers ?? [];
      if (specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')) return;
      const specifier = node.source.value;
      const target = resolveLocal(context.filename, specifier);
      // Direct imports of banned modules are no-restricted-imports' job; this rule looks behind local modules.
      if (!target || isBanned(specifier, target)) return;
      const chain = findBanned(target, isBanned);
      if (!chain) return;
      const files = [target, ...chain.slice(0, -1)].map((f) => relative(root, f));
      context.report({ node, messageId: 'reached', data: { what: chain.at(-1), chain: files.join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
