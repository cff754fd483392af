import {
  createdTokenSchema,
  scopedTokenSchema,
  tokenListSchema,
  type ScopedTokenView,
} from '../../operator/contract/tokens.js';
import { usageError } from '../cli-error.js';
import { ok, stringOption, type Command } from '../command.js';
import { formatTable } from '../format/table.js';

const state = (t: ScopedTokenView) => (t.revokedAt ? `revoked ${t.revokedAt}` : 'active');

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Create, list or revoke operator tokens limited to some connections (takes the operator token)',
  arguments: ['<create|list|revoke>', '[token-id]'],
  usage: ['token create --connections <id>[,<id>…] --label <label>', 'token list', 'token revoke <token-id>'],
  options: {
    connections: {
      type: 'string',
      value: 'ids',
      description: 'The connections the new token reaches, comma-separated',
    },
    label: { type: 'string', value: 'label', description: 'Who or what holds the token (shown in listings)' },
  },
  async run(c) {
    const [sub = '', tokenId] = c.args;
    if (sub === 'create') {
      if (tokenId !== undefined) throw usageError(`Unexpected argument "${tokenId}".`);
      const connections = (stringOption(c, 'connections') ?? '').split(',').map((id) => id.trim());
      const label = stringOption(c, 'label');
      if (connections.some((id) => id === '') || !label) {
        throw usageError('token create needs --connections <id>[,<id>…] and --label <label>.');
      }
      const created = await c.api('POST', '/tokens', createdTokenSchema, { body: { label, connections } });
      return ok(
        created,
        [
          `Created token ${created.id} ("${created.label}") for ${created.connections.map((id) => `"${id}"`).join(', ')}:`,
          `  ${created.token}`,
          'It is shown only now (the service keeps only its hash): hand it over as OPERATOR_TOKEN for qzsync.',
        ].join('\n'),
      );
    }
    if (sub === 'list') {
      if (tokenId !== undefined) throw usageError(`Unexpected argument "${tokenId}".`);
      const { tokens } = await c.api('GET', '/tokens', tokenListSchema);
      const table = formatTable(
        ['ID', 'LABEL', 'CONNECTIONS', 'CREATED', 'STATE'],
        tokens.map((t) => [t.id, t.label, t.connections.join(','), t.createdAt, state(t)]),
      );
      return ok({ tokens }, tokens.length === 0 ? 'No scoped tokens yet (qzsync token create).' : table);
    }
    if (sub === 'revoke') {
      if (tokenId === undefined) throw usageError('Missing <token-id> (see qzsync token list).');
      const revoked = await c.api('DELETE', `/tokens/${encodeURIComponent(tokenId)}`, scopedTokenSchema);
      return ok(revoked, `Revoked token ${revoked.id} ("${revoked.label}"): it is refused from now on.`);
    }
    throw usageError(`Unknown sub-command "${sub}": use create, list or revoke.`);
  },
};
