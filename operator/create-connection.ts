import type { AppContext } from '../service/context.js';
import type { ConnectionSummary } from './contract/connection.js';
import { connectionSummary } from './connection-summary.js';
import { conflict } from './errors.js';

/** A new connection (one accounting company ↔ one field-service company), not yet connected to either. */
export async function createConnection(
  ctx: AppContext,
  input: { id: string; displayName?: string | undefined },
): Promise<ConnectionSummary> {
  if (await ctx.store.connections.find(input.id)) {
    throw conflict(
      'connection_exists',
      `A connection "${input.id}" already exists.`,
      'Choose another id, or use the existing one.',
    );
  }
  return connectionSummary(await ctx.store.connections.create(input.id, input.displayName ?? input.id));
}
