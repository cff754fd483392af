import type { Db } from '../../../storage/db.js';
import type { SystemStorage } from '../../system-storage.js';
import * as workQueue from './migrations/013-qbd-work-queue.js';
import * as keyedRequests from './migrations/015-qbd-keyed-requests.js';
import * as webConnectorFiles from './migrations/025-qbd-web-connector-files.js';
import { qbdQueueRepository } from './queue.js';
import { qbdWebConnectorFilesRepository } from './web-connector-files.js';

/** QuickBooks Desktop's tables: the Web Connector's sessions and work queue, and what each connection's .qwc says. */
export const qbdStorage = {
  migrations: [workQueue, keyedRequests, webConnectorFiles],
  repositories: (db: Db) => ({
    qbdQueue: qbdQueueRepository(db),
    qbdWebConnectorFiles: qbdWebConnectorFilesRepository(db),
  }),
} satisfies SystemStorage<object>;

/** QuickBooks Desktop's repositories, as the store holds them. */
export type QbdRepositories = ReturnType<typeof qbdStorage.repositories>;
