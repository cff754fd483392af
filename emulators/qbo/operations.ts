import type { EntityDef } from './entities.js';
import { faults } from './fault-shapes.js';
import { createItem, deleteItem, updateItem } from './items.js';
import type { OperationContext } from './operation-context.js';
import type { Entity, Json } from './store.js';
import { createTransaction, deleteTransaction, updateTransaction, voidTransaction } from './transactions.js';

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';

/** Runs one write; the result is the entity (or deletion stub) to wrap under the entity name. */
export function executeWrite(ctx: OperationContext, def: EntityDef, operation: WriteOperation, body: unknown): Json {
  if (def.kind === 'item') {
    if (operation === 'create') return createItem(ctx, body);
    if (operation === 'update') return updateItem(ctx, body);
    if (operation === 'delete') return deleteItem(ctx, body);
  }
  if (def.kind === 'transaction') {
    if (operation === 'create') return createTransaction(ctx, def, body);
    if (operation === 'update') return updateTransaction(ctx, def, body);
    if (operation === 'delete') return deleteTransaction(ctx, def, body);
    return voidTransaction(ctx, def, body);
  }
  // Writes to accounts, customers, vendors and company records are outside what the emulator models.
  throw faults.unsupportedOperation(`Operation ${operation} is not supported for ${def.name}.`);
}

/**
 * Which write a POST means: `operation=delete|void` explicitly; `include=void` with an update voids;
 * otherwise a body with an Id updates and one without creates.
 */
export function writeOperationFor(
  operation: string | undefined,
  include: string | undefined,
  body: unknown,
): WriteOperation {
  const op = operation?.toLowerCase();
  if (op === 'delete' || op === 'void') return op;
  if (include?.toLowerCase() === 'void') return 'void';
  if (op === 'create') return 'create';
  if (op === 'update') return 'update';
  if (op !== undefined) throw faults.unsupportedOperation(`Operation ${operation} is not supported.`);
  const hasId = body !== null && typeof body === 'object' && (body as Json).Id !== undefined;
  return hasId ? 'update' : 'create';
}

/** Read by Id; CompanyInfo is also addressed by the realm id. */
export function readEntity(ctx: OperationContext, def: EntityDef, id: string, notFoundStatus: number): Entity {
  if (!/^\d+$/.test(id)) throw faults.invalidId(id);
  const key = def.name === 'CompanyInfo' && id === ctx.store.realmId ? '1' : id;
  const record = ctx.store.get(def.name, key);
  if (!record) throw faults.notFound(notFoundStatus);
  return record;
}
