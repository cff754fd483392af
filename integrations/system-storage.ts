import type { Db } from '../storage/db.js';
import type { Migration } from '../storage/migrate.js';

/**
 * What a system keeps in the service's database of its own (docs/adr/0016-systems-own-their-storage.md): the
 * migrations that make its tables, numbered in the one sequence the core's use, and its repositories, built once per
 * store over the store's database. They join the store under their names (`store.qbdQueue`), so a transaction that
 * spans a system's tables and the core's runs on `store.db` (or a function given the transaction, as credentials'
 * `alongside` is).
 */
export interface SystemStorage<Repositories extends object> {
  migrations: readonly Migration[];
  repositories(db: Db): Repositories;
}
