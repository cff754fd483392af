import { qbdConsole, type QbdConsoleStatus } from './qbd/console.js';
import { qboConsole, type QboConsoleStatus } from './qbo/console.js';
import type { SystemConsoleOf } from './system-console.js';
import { zuperConsole, type ZuperConsoleStatus } from './zuper/console.js';

/** What every system's console part reads of a connection's status answer, together. */
export type SystemConsoleStatus = QboConsoleStatus & QbdConsoleStatus & ZuperConsoleStatus;

/**
 * Every system's part of the web console, in the order the connection's page shows their cards (docs/sides.md,
 * "Adding a system"). The console builds each with its kit and mounts its routes.
 */
export const systemConsoles: readonly SystemConsoleOf<SystemConsoleStatus>[] = [qboConsole, qbdConsole, zuperConsole];
