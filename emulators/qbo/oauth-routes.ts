import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OAuthError, type OAuthStore } from './oauth-store.js';

const jsonType = 'application/json;charset=UTF-8';

export interface OAuthRoutesOptions {
  store: OAuthStore;
  /** Company the authorize page connects to (created on demand). */
  authorizeRealm: () => string;
}

const authorizeQuery = z.object({
  client_id: z.string().optional(),
  response_type: z.string().optional(),
  scope: z.string().optional(),
  redirect_uri: z.string().optional(),
  state: z.string().optional(),
});

const tokenBody = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
});

const revokeBody = z.object({ token: z.string().min(1) });

function errorPage(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(400)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html><body><h1>Something went wrong</h1><p>${message.replace(/[<>&"]/g, '')}</p></body></html>`,
    );
}

function basicCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const sep = decoded.indexOf(':');
  if (sep < 0) throw new OAuthError(401, 'invalid_client', 'Client authentication failed');
  return { clientId: decoded.slice(0, sep), clientSecret: decoded.slice(sep + 1) };
}

function sendOAuthError(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof OAuthError) {
    return reply.code(err.status).type(jsonType).send({ error: err.error, error_description: err.description });
  }
  throw err;
}

/** The Intuit OAuth 2.0 endpoints: authorize page (auto-approves), token exchange/refresh, revoke. */
export function registerOAuthRoutes(app: FastifyInstance, opts: OAuthRoutesOptions): void {
  app.get('/connect/oauth2', (request, reply) => {
    const q = authorizeQuery.parse(request.query);
    const client = q.client_id ? opts.store.apps.get(q.client_id) : undefined;
    if (!client) return errorPage(reply, 'invalid_client: the client_id is not registered.');
    if (!q.redirect_uri || !client.redirectUris.includes(q.redirect_uri)) {
      return errorPage(reply, 'The redirect_uri is not registered for this app.');
    }
    const target = new URL(q.redirect_uri);
    if (q.response_type !== 'code' || !q.scope) {
      target.searchParams.set('error', q.response_type !== 'code' ? 'unsupported_response_type' : 'invalid_scope');
    } else {
      const realmId = opts.authorizeRealm();
      target.searchParams.set(
        'code',
        opts.store.issueCode(client.clientId, q.redirect_uri, realmId, q.scope.split(/\s+/)),
      );
      target.searchParams.set('realmId', realmId);
    }
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    return reply.redirect(target.toString(), 302);
  });

  app.post('/oauth2/v1/tokens/bearer', (request, reply) => {
    try {
      const { clientId, clientSecret } = basicCredentials(request);
      opts.store.authenticateClient(clientId, clientSecret);
      const body = tokenBody.parse(request.body ?? {});
      const hard = String(request.headers['x-include-refresh-token-hard-expires-in']).toLowerCase() === 'true';
      reply.header('cache-control', 'no-cache, no-store').type(jsonType);
      if (body.grant_type === 'authorization_code') {
        if (!body.code || !body.redirect_uri)
          throw new OAuthError(400, 'invalid_request', 'code and redirect_uri are required');
        const { realmId: _realmId, ...tokens } = opts.store.exchangeCode(clientId, body.code, body.redirect_uri, hard);
        return reply.send(tokens);
      }
      if (body.grant_type === 'refresh_token') {
        if (!body.refresh_token) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
        return reply.send(opts.store.refresh(clientId, body.refresh_token, hard));
      }
      throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant_type ${body.grant_type ?? ''}`);
    } catch (err) {
      return sendOAuthError(reply, err);
    }
  });

  app.post('/oauth2/v1/tokens/revoke', (request, reply) => {
    try {
      const { clientId, clientSecret } = basicCredentials(request);
      opts.store.authenticateClient(clientId, clientSecret);
      const body = revokeBody.safeParse(request.body);
      if (!body.success) throw new OAuthError(400, 'invalid_request', 'token is required');
      opts.store.revoke(clientId, body.data.token);
      return reply.code(200).send();
    } catch (err) {
      return sendOAuthError(reply, err);
    }
  });

  // Intuit's JWKS lives under the issuer's path; intuit-oauth reads it from `OAuthClient.jwks_uri`.
  app.get('/op/v1/jwks', (_request, reply) => reply.type(jsonType).send(opts.store.idTokens.jwks()));

  app.get('/v1/openid_connect/userinfo', (request, reply) => {
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const check = opts.store.checkAccessToken(token);
    if (!check.ok)
      return reply.code(401).type(jsonType).send({ error: 'invalid_token', error_description: 'Token invalid' });
    return reply.type(jsonType).send({
      sub: `emulator-user-${check.realmId}`,
      email: 'emulator.user@example.com',
      emailVerified: true,
      givenName: 'Emulator',
      familyName: 'User',
    });
  });
}
