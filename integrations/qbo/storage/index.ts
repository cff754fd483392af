import type { Db } from '../../../storage/db.js';
import type { SystemStorage } from '../../system-storage.js';
import * as meteredReads from './migrations/009-qbo-metered-reads.js';
import { meteredReadsRepository } from './metered-reads.js';

/** QuickBooks Online's table: the metered reads counted per connection and month (docs/adr/0015). */
export const qboStorage = {
  migrations: [meteredReads],
  repositories: (db: Db) => ({ meteredReads: meteredReadsRepository(db) }),
} satisfies SystemStorage<object>;
