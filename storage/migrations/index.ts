import type { Migration } from '../migrate.js';
import * as initial from './001-initial.js';
import * as intakeOutbox from './002-intake-outbox.js';
import * as refreshHardCap from './003-refresh-hard-cap.js';
import * as zuperMovementCursor from './005-zuper-movement-cursor.js';
import * as adjustmentWatch from './006-adjustment-watch.js';
import * as operatorTokens from './007-operator-tokens.js';
import * as historyItemNames from './008-history-item-names.js';
import * as sideNeutralPlans from './010-side-neutral-plans.js';
import * as sideNeutralStorage from './011-side-neutral-storage.js';
import * as deliveryTraceParent from './012-delivery-trace-parent.js';
import * as qboCatalogReads from './014-qbo-catalog-reads.js';
import * as linkPlanActions from './016-link-plan-actions.js';
import * as sideNeutralLinkPlans from './017-side-neutral-link-plans.js';
import * as accountingCatalogReads from './018-accounting-catalog-reads.js';
import * as productMasterSide from './019-product-master-side.js';
import * as sideNamedCursors from './021-side-named-cursors.js';
import * as settingsPerSide from './022-settings-per-side.js';
import * as connectionCredentials from './023-connection-credentials.js';
import * as transactionLines from './024-transaction-lines.js';
import * as movementsByExternalRef from './026-movements-by-external-ref.js';

/**
 * The core's migrations, in order. Each system's own are in its folder (`integrations/<system>/storage/`); the numbers
 * of all of them make one sequence, and only the list with every system's (`integrations/store.ts`) is applied: some
 * of the core's read what a system's earlier one made (023 moves the Web Connector login 013 added to `connections`).
 */
export const coreMigrations: readonly Migration[] = [
  initial,
  intakeOutbox,
  refreshHardCap,
  zuperMovementCursor,
  adjustmentWatch,
  operatorTokens,
  historyItemNames,
  sideNeutralPlans,
  sideNeutralStorage,
  deliveryTraceParent,
  qboCatalogReads,
  linkPlanActions,
  sideNeutralLinkPlans,
  accountingCatalogReads,
  productMasterSide,
  sideNamedCursors,
  settingsPerSide,
  connectionCredentials,
  transactionLines,
  movementsByExternalRef,
];
