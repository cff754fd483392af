import { prerequisiteChecks } from '../../../domain/prerequisites.js';

/** QuickBooks' prerequisites by id, with the titles users see. */
export const qboPrerequisite = prerequisiteChecks({
  'qbo-authorised': 'QuickBooks authorised',
  'qbo-categories': 'QuickBooks categories enabled',
  'qbo-quantity-tracking': 'QuickBooks quantity tracking on',
  'qbo-accounts': 'QuickBooks accounts found',
  'qbo-inventory-adjustment': 'QuickBooks inventory adjustments available',
});
