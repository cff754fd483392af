import type { WebhookOperation } from './entities.js';
import type { QboEmulatorSettings } from './settings.js';
import type { RealmStore } from './store.js';

/** Receives every committed change so webhooks can be sent for it. */
export type ChangeSink = (change: {
  realmId: string;
  entity: string;
  id: string;
  operation: WebhookOperation;
  at: Date;
}) => void;

/** What one operation (a single request, or one batch item) runs against. */
export interface OperationContext {
  store: RealmStore;
  settings: QboEmulatorSettings;
  now: Date;
  emit: ChangeSink;
  /** Display name of the writer, shown to others in 5010 details. */
  actor: string;
}

export function emitChange(ctx: OperationContext, entity: string, id: string, operation: WebhookOperation): void {
  ctx.emit({ realmId: ctx.store.realmId, entity, id, operation, at: ctx.now });
}
