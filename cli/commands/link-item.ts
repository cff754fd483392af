import { itemLinkedSchema, itemUnlinkedSchema } from '../../operator/contract/item-link.js';
import { connectionArgument, ok, type Command, type CommandContext } from '../command.js';
import { formatItemLinked, formatItemUnlinked } from '../format/item-link.js';

const itemPath = (c: CommandContext) =>
  `/connections/${encodeURIComponent(connectionArgument(c))}/items/${encodeURIComponent(c.args[1] ?? '')}/link`;

export const linkItemCommand: Command = {
  name: 'link-item',
  summary:
    'Link one accounting item and one field item by hand (the checks of `link`); the quantity then settles to the master',
  arguments: ['<id>', '<accounting-item-id>', '<field-item-id>'],
  usage: ['link-item <id> <accounting-item-id> <field-item-id>'],
  async run(c) {
    const answer = await c.api('POST', itemPath(c), itemLinkedSchema, { body: { fieldItemId: c.args[2] ?? '' } });
    return ok(answer, formatItemLinked(connectionArgument(c), answer));
  },
};

export const unlinkItemCommand: Command = {
  name: 'unlink-item',
  summary: "Remove one item's link (neither system is changed), e.g. to link it to another record with link-item",
  arguments: ['<id>', '<accounting-item-id>'],
  usage: ['unlink-item <id> <accounting-item-id>'],
  async run(c) {
    const answer = await c.api('DELETE', itemPath(c), itemUnlinkedSchema);
    return ok(answer, formatItemUnlinked(connectionArgument(c), answer));
  },
};
