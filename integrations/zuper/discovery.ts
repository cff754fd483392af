import { z } from 'zod';
import { DEFAULT_ACCOUNTS_URL, DEFAULT_TIMEOUT_MS } from './config.js';
import { ZuperApiError, ZuperCompanyNotFoundError } from './errors.js';
import { createZuperTransport } from './http-transport.js';

const configAnswer = z.looseObject({
  type: z.literal('success'),
  config: z.looseObject({ dc_api_url: z.url() }).nullish(),
});

export interface DiscoveryOptions {
  accountsUrl?: string;
  companyLoginName: string;
  timeoutMs?: number;
}

/** Finds the company's data centre and returns its API root (`dc_api_url + '/api'`). */
export async function discoverZuperApiUrl(options: DiscoveryOptions): Promise<string> {
  const transport = createZuperTransport({
    baseUrl: options.accountsUrl ?? DEFAULT_ACCOUNTS_URL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  let answer;
  try {
    answer = await transport.call(configAnswer, {
      method: 'POST',
      path: '/api/config',
      body: { company_name: options.companyLoginName },
    });
  } catch (error) {
    // The unknown-company answer is undocumented: any client-side refusal means "no such company".
    if (error instanceof ZuperApiError && (error.kind === 'validation' || error.kind === 'not-found')) {
      throw new ZuperCompanyNotFoundError(options.companyLoginName, error.message);
    }
    throw error;
  }
  if (!answer.config) throw new ZuperCompanyNotFoundError(options.companyLoginName, 'no data centre in the answer');
  return `${answer.config.dc_api_url.replace(/\/+$/, '')}/api`;
}
