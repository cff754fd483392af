import { connectionArgument, type Command } from '../command.js';
import { followRun } from '../follow-run.js';
import { runOutput } from './run-output.js';

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'Reconcile now: settle every drifted quantity and sync changed definitions; prints the drift report',
  arguments: ['<id>'],
  usage: ['reconcile <id>'],
  async run(c) {
    const id = connectionArgument(c);
    return runOutput(await followRun(c, `/connections/${encodeURIComponent(id)}/reconcile`, {}, `Reconciling ${id}`));
  },
};
