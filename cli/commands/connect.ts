import { qbdConnectedSchema, qboConnectLinkSchema, zuperConnectedSchema } from '../../operator/contract/connect.js';
import { usageError } from '../cli-error.js';
import { connectionAndWord, ok, stringOption, type Command } from '../command.js';
import { formatQbdConnected, formatQboLink, formatZuperConnected } from '../format/connect.js';
import { qwcOptions, qwcOptionSpecs } from './qwc.js';

export const connectCommand: Command = {
  name: 'connect',
  summary:
    'Connect QuickBooks (prints the sign-in link), QuickBooks Desktop (Web Connector login and .qwc file) or Zuper (API key; registers webhooks)',
  arguments: ['<id>', '<system>'],
  usage: [
    'connect <id> qbo',
    'connect <id> zuper --company <login name> --api-key <key> [--api-url <url>]',
    'connect <id> qbd [--username <name>] [--app-url <url>] [--every <minutes>|<n>s]',
    '  (the system may also come first: connect qbo <id>)',
  ],
  options: {
    company: { type: 'string', value: 'login name', description: 'Zuper company name as typed on its login page' },
    'api-key': {
      type: 'string',
      value: 'key',
      description: 'Zuper API key (Settings → Developer Hub → API Keys), not read-only',
    },
    'api-url': {
      type: 'string',
      value: 'url',
      description: 'Zuper API root, e.g. https://us-west-1c.zuperpro.com/api (skips data-centre discovery)',
    },
    username: { type: 'string', value: 'name', description: 'Web Connector username (default qzsync-<id>)' },
    ...qwcOptionSpecs,
  },
  async run(c) {
    const { id, word } = connectionAndWord(c, 'The system', ['qbo', 'zuper', 'qbd'] as const);
    if (word === 'qbo') {
      const link = await c.api('POST', `/connections/${encodeURIComponent(id)}/qbo`, qboConnectLinkSchema, {
        body: {},
      });
      return ok(link, formatQboLink(link));
    }
    if (word === 'qbd') {
      const username = stringOption(c, 'username');
      const connected = await c.api('POST', `/connections/${encodeURIComponent(id)}/qbd`, qbdConnectedSchema, {
        body: { ...(username ? { username } : {}), ...qwcOptions(c) },
      });
      return ok(connected, formatQbdConnected(connected));
    }
    const company = stringOption(c, 'company');
    const apiKey = stringOption(c, 'api-key');
    if (!company || !apiKey) throw usageError('connect zuper needs --company and --api-key.');
    const apiUrl = stringOption(c, 'api-url');
    const connected = await c.api('POST', `/connections/${encodeURIComponent(id)}/zuper`, zuperConnectedSchema, {
      body: { company, apiKey, ...(apiUrl ? { apiUrl } : {}) },
    });
    return ok(connected, formatZuperConnected(connected));
  },
};
