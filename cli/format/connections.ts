import type { ConnectionList, ConnectionSummary } from '../../operator/contract/connection.js';
import { formatTable } from './table.js';

export function formatConnections(list: ConnectionList): string {
  if (list.connections.length === 0) return 'No connections yet. Create one with `qzsync connections add <id>`.';
  return formatTable(
    ['ID', 'NAME', 'STATUS', 'QUICKBOOKS', 'ZUPER', 'SETTINGS'],
    list.connections.map((c) => [
      c.id,
      c.displayName,
      c.status + (c.statusReason ? ` (${c.statusReason})` : ''),
      c.qboConnected ? `company ${c.qboRealmId ?? '?'}` : 'not connected',
      c.zuperConnected ? (c.zuperCompany ?? 'connected') : 'not connected',
      c.configured ? 'configured' : 'not configured',
    ]),
  );
}

export function formatCreated(c: ConnectionSummary): string {
  return [
    `Created connection "${c.id}" (${c.displayName}). Next:`,
    `  qzsync connect qbo ${c.id}`,
    `  qzsync connect zuper ${c.id} --company <login name> --api-key <key>`,
    `  qzsync configure ${c.id} --master <qbo|zuper> --default-location <Zuper location uid>`,
    `  qzsync check ${c.id}`,
  ].join('\n');
}
