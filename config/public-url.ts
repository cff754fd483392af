import type { Env } from './env.js';

/** Where users, the systems' webhooks and the Web Connector reach this service (PUBLIC_BASE_URL, else the local port). */
export const publicBaseUrl = (env: Env) => env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.HTTP_PORT}`;
