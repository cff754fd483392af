import { connectionArgument, type Command } from '../command.js';
import { followRun } from '../follow-run.js';
import { runOutput } from './run-output.js';

export const linkCommand: Command = {
  name: 'link',
  summary:
    'Link the existing catalogs (stored link, SKU, then name) and create unmatched master items; --dry-run only shows the plan',
  arguments: ['<id>'],
  usage: ['link <id> [--dry-run]'],
  options: {
    'dry-run': { type: 'boolean', description: 'Show what would be linked, created and moved; write nothing' },
  },
  async run(c) {
    const id = connectionArgument(c);
    const dryRun = c.values['dry-run'] === true;
    const answer = await followRun(
      c,
      `/connections/${encodeURIComponent(id)}/link`,
      { dryRun },
      dryRun ? `Planning the linking of ${id} (dry run)` : `Linking the catalogs of ${id}`,
    );
    return runOutput(answer);
  },
};
