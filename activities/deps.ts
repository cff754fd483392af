import type { Client } from '@temporalio/client';
import type { Store } from '../storage/index.js';
import type { ConnectionClients } from './connection-clients.js';

/** What activities need from the process that hosts them; built once by the worker (and by tests). */
export interface ActivityDeps {
  store: Store;
  clients: ConnectionClients;
  temporal: {
    client: Client;
    taskQueue: string;
    /** How long an item's quantity workflow waits for more work before completing. */
    itemIdleTimeoutMs: number;
  };
}
