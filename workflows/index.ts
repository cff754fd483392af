export { itemQuantityWorkflow } from './item-quantity.js';
export { intakeBatchWorkflow } from './intake-batch.js';
export { itemSyncWorkflow } from './item-sync.js';
export { linkCatalogWorkflow } from './link-catalog.js';
export { reconcileWorkflow } from './reconcile.js';
export { adjustmentWatchWorkflow } from './adjustment-watch.js';
