/** One prerequisite of a connection, checked against the live systems and explained in plain language. */
export interface PrerequisiteCheck {
  id: PrerequisiteId;
  title: string;
  /** 'unknown': it could not be checked (the system cannot tell, or a connection it needs is not working). */
  status: 'passed' | 'failed' | 'unknown';
  detail: string;
  fix?: string;
}

export type PrerequisiteId =
  | 'connection-active'
  | 'settings'
  | 'qbo-authorised'
  | 'qbo-categories'
  | 'qbo-quantity-tracking'
  | 'qbo-accounts'
  | 'qbo-inventory-adjustment'
  | 'zuper-authorised'
  | 'zuper-default-location'
  | 'zuper-negative-stock'
  | 'zuper-invoice-consumption'
  | 'zuper-webhooks';

export const prerequisiteTitles: Record<PrerequisiteId, string> = {
  'connection-active': 'Connection not paused',
  settings: 'Connection settings present',
  'qbo-authorised': 'QuickBooks authorised',
  'qbo-categories': 'QuickBooks categories enabled',
  'qbo-quantity-tracking': 'QuickBooks quantity tracking on',
  'qbo-accounts': 'QuickBooks accounts found',
  'qbo-inventory-adjustment': 'QuickBooks inventory adjustments available',
  'zuper-authorised': 'Zuper authorised',
  'zuper-default-location': 'Zuper default location exists',
  'zuper-negative-stock': 'Zuper allows negative stock',
  'zuper-invoice-consumption': 'Zuper tracks consumption on invoices',
  'zuper-webhooks': "Zuper webhooks registered under Zuper's event keys",
};

export const check = (
  id: PrerequisiteId,
  status: PrerequisiteCheck['status'],
  detail: string,
  fix?: string,
): PrerequisiteCheck => ({ id, title: prerequisiteTitles[id], status, detail, ...(fix ? { fix } : {}) });
