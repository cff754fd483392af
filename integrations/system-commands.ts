import { qbdCli } from './qbd/commands.js';
import { qboCli } from './qbo/commands.js';
import type { SystemCli } from './system-cli.js';
import { zuperCli } from './zuper/commands.js';

/**
 * Every system's part of the `qzsync` CLI, in the order `connect` lists them (docs/sides.md, "Adding a system"). Only
 * client-side modules hang from here: contracts, options and formatting, never the server.
 */
export const systemClis: readonly SystemCli[] = [qboCli, zuperCli, qbdCli];
