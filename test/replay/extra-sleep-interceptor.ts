import { sleep, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * A change to workflow code that no recorded history allows: every workflow starts with a timer. Bundled with the
 * real workflows, it shows the replay test catches a non-deterministic change.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        await sleep('1 second');
        return next(input);
      },
    },
  ],
});
