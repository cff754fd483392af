import type { Client } from '@temporalio/client';

/** Where this process starts workflows: the Temporal client and the task queue the workers poll. */
export interface WorkflowTarget {
  client: Client;
  taskQueue: string;
  /** How long an item's quantity workflow waits for more work before completing. */
  itemIdleTimeoutMs: number;
}
