import { z } from 'zod';

/** Intuit's public endpoints; `custom` (the emulator, a proxy) must name every URL itself. */
const intuitDefaults = {
  production: {
    apiBaseUrl: 'https://quickbooks.api.intuit.com',
    userInfoUrl: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
  },
  sandbox: {
    apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com',
    userInfoUrl: 'https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo',
  },
} as const;

const intuitOAuthDefaults = {
  authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
  tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
} as const;

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

export const qboConfigSchema = z
  .object({
    environment: z.enum(['production', 'sandbox', 'custom']),
    apiBaseUrl: url.optional(),
    authorizeUrl: url.optional(),
    tokenUrl: url.optional(),
    revokeUrl: url.optional(),
    userInfoUrl: url.optional(),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    redirectUri: z.url(),
    /** Intuit serves every request as 75 since Aug 2025; sent anyway so behaviour is pinned. */
    minorVersion: z.number().int().positive().default(75),
    requestTimeoutMs: z.number().int().positive().default(30_000),
  })
  .superRefine((c, ctx) => {
    if (c.environment !== 'custom') return;
    for (const key of ['apiBaseUrl', 'authorizeUrl', 'tokenUrl', 'revokeUrl'] as const) {
      if (c[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `required when environment is custom` });
    }
  })
  .transform((c) => {
    // For `custom` the superRefine above guarantees the URLs, so the Intuit fallbacks only apply to real QBO.
    const env = c.environment === 'custom' ? undefined : intuitDefaults[c.environment];
    return {
      environment: c.environment,
      apiBaseUrl: c.apiBaseUrl ?? env?.apiBaseUrl ?? intuitDefaults.production.apiBaseUrl,
      authorizeUrl: c.authorizeUrl ?? intuitOAuthDefaults.authorizeUrl,
      tokenUrl: c.tokenUrl ?? intuitOAuthDefaults.tokenUrl,
      revokeUrl: c.revokeUrl ?? intuitOAuthDefaults.revokeUrl,
      /** Not used by the sync; absent for `custom` unless given. */
      userInfoUrl: c.userInfoUrl ?? env?.userInfoUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      redirectUri: c.redirectUri,
      minorVersion: c.minorVersion,
      requestTimeoutMs: c.requestTimeoutMs,
    };
  });

export type QboConfigInput = z.input<typeof qboConfigSchema>;
export type QboConfig = z.output<typeof qboConfigSchema>;

/** Parses and resolves a QBO configuration; throws a ZodError naming every bad field. */
export function parseQboConfig(input: unknown): QboConfig {
  return qboConfigSchema.parse(input);
}
