export { itemQuantityWorkflow } from './item-quantity.js';
export { qboChangeWorkflow, zuperChangeWorkflow } from './route-changes.js';
export { itemSyncWorkflow } from './item-sync.js';
export { linkCatalogWorkflow } from './link-catalog.js';
export { reconcileWorkflow } from './reconcile.js';
