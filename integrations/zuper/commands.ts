import { plural } from '../../domain/words.js';
import { configureFlags, systemConnect, type SystemCli } from '../system-cli.js';
import type { zuperSettings } from './connection-settings.js';
import { zuperConnectEndpoint } from './operator-contract.js';

/** Zuper's part of the CLI: `connect <id> zuper` with a company and an API key; its default location. */
export const zuperCli: SystemCli = {
  system: 'zuper',
  title: 'Zuper',
  connect: systemConnect({
    does: '(API key; registers webhooks)',
    usage: '--company <login name> --api-key <key> [--api-url <url>]',
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
    },
    request: (typed) => {
      const company = typed.string('company');
      const apiKey = typed.string('api-key');
      if (!company || !apiKey) typed.refuse('connect zuper needs --company and --api-key.');
      const apiUrl = typed.string('api-url');
      return { endpoint: zuperConnectEndpoint, body: { company, apiKey, ...(apiUrl ? { apiUrl } : {}) } };
    },
    format: (z) =>
      [
        `Connected "${z.connectionId}" to Zuper company ${z.company} at ${z.apiUrl}.`,
        `Registered ${plural(z.webhooks.length, 'webhook')} → ${z.webhookUrl}` +
          (z.replaced ? ` (replacing ${plural(z.replaced, 'earlier one')})` : '') +
          ':',
        ...z.webhooks.map((w) => `  ${w.event}  (${w.uid})`),
      ].join('\n'),
  }),
  disconnectDoes: '(removes our webhooks, forgets the key)',
  configure: configureFlags<typeof zuperSettings.flatChange>([
    {
      flag: 'default-location',
      value: 'uid',
      description:
        "Zuper location where items copied from the accounting side are stocked and that side's changes land",
      setting: 'defaultLocationUid',
      // Stored settings need it: there is no default location to fall back on.
      needed: true,
    },
  ]),
  commands: [],
};
