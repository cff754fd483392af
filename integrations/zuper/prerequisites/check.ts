import { prerequisiteChecks } from '../../../domain/prerequisites.js';

/** Zuper's prerequisites by id, with the titles users see. */
export const zuperPrerequisite = prerequisiteChecks({
  'zuper-authorised': 'Zuper authorised',
  'zuper-default-location': 'Zuper default location exists',
  'zuper-negative-stock': 'Zuper allows negative stock',
  'zuper-invoice-consumption': 'Zuper tracks consumption on invoices',
  'zuper-webhooks': "Zuper webhooks registered under Zuper's event keys",
});
