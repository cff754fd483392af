import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { configureCommand } from './configure.js';
import { connectCommand } from './connect.js';
import { connectionsCommand } from './connections.js';
import { disconnectCommand } from './disconnect.js';
import { historyCommand } from './history.js';
import { linkCommand } from './link.js';
import { linkItemCommand, unlinkItemCommand } from './link-item.js';
import { reconcileCommand } from './reconcile.js';
import { retryCommand } from './retry.js';
import { scheduleCommand } from './schedule.js';
import { showCommand } from './show.js';
import { statusCommand } from './status.js';
import { systemOwnCommands } from './system-command.js';
import { tokenCommand } from './token.js';

/** Every command, in the order help lists them (the order an operator meets them). */
export const commands: Command[] = [
  connectionsCommand,
  connectCommand,
  ...systemOwnCommands,
  configureCommand,
  checkCommand,
  linkCommand,
  linkItemCommand,
  unlinkItemCommand,
  reconcileCommand,
  scheduleCommand,
  statusCommand,
  historyCommand,
  showCommand,
  retryCommand,
  disconnectCommand,
  tokenCommand,
];
