import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { connectionIdSchema, storableText } from '../../domain/input-rules.js';
import type { AppContext } from '../../app/context.js';
import { publicBaseUrl } from '../../app/qbo-app-config.js';
import { QboAuthError } from '../../integrations/qbo/errors.js';
import { createQboOAuth } from '../../integrations/qbo/oauth.js';
import { connectTicketsFromEnv } from '../../security/connect-ticket.js';
import { browserSessionSetCookie, newBrowserSession, readBrowserSession } from '../http/browser-session.js';
import { explainError } from '../http/explain-error.js';
import { sendPage } from '../http/html-page.js';

const connectQuery = z.object({ connection: connectionIdSchema, ticket: storableText(100).optional() });
// The state is ours (base64url); Intuit's realm ids are digits.
const callbackQuery = z.looseObject({
  state: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
  realmId: z
    .string()
    .regex(/^\d{1,32}$/)
    .optional(),
});

const startAgain = 'Start again with the connect link for this connection (qzsync prints it), in this same browser.';

/**
 * QuickBooks OAuth: `/oauth/qbo/connect` starts the flow with a single-use state bound to a browser-session cookie;
 * `/oauth/qbo/callback` checks both, exchanges the code and stores the tokens sealed.
 */
export function qboOAuthRoutes(ctx: AppContext): FastifyPluginCallback {
  const oauth = createQboOAuth(ctx.qboConfig);
  const secureCookie = publicBaseUrl(ctx.env).startsWith('https:');
  const tickets = connectTicketsFromEnv(ctx.env);

  return (instance, _options, done) => {
    instance.get('/oauth/qbo/connect', { config: { access: 'public' } }, async (request, reply) => {
      const query = connectQuery.safeParse(request.query);
      if (!query.success) {
        return sendPage(reply, 400, 'Which connection?', ['Open this page as /oauth/qbo/connect?connection=<id>.']);
      }
      const connection = await ctx.store.connections.find(query.data.connection);
      if (!connection) {
        return sendPage(reply, 404, 'Unknown connection', [
          `There is no connection "${query.data.connection}". Create it with the qzsync CLI first.`,
        ]);
      }
      if (!tickets.verify(connection.id, query.data.ticket)) {
        request.log.warn(
          { connectionId: connection.id, reason: 'ticket_rejected' },
          'QuickBooks authorisation refused',
        );
        return sendPage(reply, 403, 'This connect link is not valid', [
          'The link is incomplete, was issued for another connection, or is more than an hour old, so nothing was started.',
          'Get a fresh link with `qzsync connect qbo <connection>` and open it in the browser you will sign in with.',
        ]);
      }
      // Reusing a session already in this browser keeps a flow started in another tab valid.
      const session = readBrowserSession(request.headers.cookie) ?? newBrowserSession();
      const state = await ctx.store.oauthStates.issue(connection.id, session);
      request.log.info({ connectionId: connection.id }, 'QuickBooks authorisation started');
      return reply
        .header('set-cookie', browserSessionSetCookie(session, { secure: secureCookie, maxAgeSeconds: 3600 }))
        .redirect(oauth.authorizeUrl(state), 302);
    });

    instance.get('/oauth/qbo/callback', { config: { access: 'browser-session' } }, async (request, reply) => {
      const query = callbackQuery.safeParse(request.query);
      if (!query.success) {
        return sendPage(reply, 400, 'Incomplete sign-in link', [
          'This address lacks the state QuickBooks sends back, so it did not come from a sign-in this service started.',
          startAgain,
        ]);
      }
      const session = readBrowserSession(request.headers.cookie);
      const connectionId = session ? await ctx.store.oauthStates.consume(query.data.state, session) : null;
      if (!connectionId) {
        request.log.warn({ reason: session ? 'state_rejected' : 'no_session' }, 'QuickBooks callback refused');
        return sendPage(reply, 400, 'This sign-in link cannot be used', [
          'It was already used, it expired, or it was started in another browser, so nothing was saved.',
          startAgain,
        ]);
      }
      const log = request.log.child({ connectionId });
      const realmId = query.data.realmId;
      if (realmId) {
        const conflict = await realmConflict(ctx, connectionId, realmId);
        if (conflict) {
          log.warn({ realmId, reason: 'realm_conflict' }, 'QuickBooks callback refused');
          return sendPage(reply, 409, 'A different QuickBooks company', [conflict, 'Nothing was saved.']);
        }
      }
      let result: Awaited<ReturnType<typeof oauth.exchangeCode>>;
      try {
        result = await oauth.exchangeCode(new URL(request.url, ctx.qboConfig.redirectUri).toString());
      } catch (err) {
        const { explanation, fix } = explainError(err);
        // Refused (declined, bad code, wrong app keys) is the request's fault; anything else is QuickBooks'.
        const refused = err instanceof QboAuthError;
        log.warn({ reason: refused ? `refused_${err.code}` : 'exchange_failed' }, explanation);
        return sendPage(reply, refused ? 400 : 502, 'QuickBooks was not connected', [explanation, fix]);
      }
      await ctx.store.connections.saveQbo(connectionId, result.realmId, result.tokens);
      ctx.clients.forget(connectionId);
      log.info({ realmId: result.realmId }, 'QuickBooks connected');
      return sendPage(reply, 200, 'QuickBooks connected', [
        `Connection "${connectionId}" now syncs with QuickBooks company ${result.realmId}. You can close this page.`,
      ]);
    });
    done();
  };
}

/**
 * Refuses to attach a company another connection owns (its data would mix with that tenant's), or to swap the
 * company under a connection whose items are linked to another one.
 */
async function realmConflict(ctx: AppContext, connectionId: string, realmId: string): Promise<string | null> {
  const owner = await ctx.store.connections.findByRealm(realmId);
  if (owner && owner.id !== connectionId) {
    return `QuickBooks company ${realmId} is already used by another connection.`;
  }
  const connection = await ctx.store.connections.get(connectionId);
  if (connection.qboRealmId && connection.qboRealmId !== realmId) {
    return `Connection "${connectionId}" belongs to QuickBooks company ${connection.qboRealmId}, but you signed in to company ${realmId}. Sign in to the original company, or disconnect with the qzsync CLI first.`;
  }
  return null;
}
