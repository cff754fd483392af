import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiTarget } from './api-client.js';
import { usageError } from './cli-error.js';

/**
 * Where the service is and how to prove we may use it: --url or QZSYNC_URL (default the local service on
 * HTTP_PORT), and OPERATOR_TOKEN or, in development, the token file the service keeps in its data folder.
 */
export function resolveTarget(env: NodeJS.ProcessEnv, urlFlag: string | undefined): ApiTarget {
  const baseUrl = urlFlag ?? env.QZSYNC_URL ?? `http://127.0.0.1:${env.HTTP_PORT || '3000'}`;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw usageError(`"${baseUrl}" is not an http(s) URL (from ${urlFlag ? '--url' : 'QZSYNC_URL'}).`);
  }
  const file = join(env.DATA_DIR || 'data', 'operator-token');
  const token = env.OPERATOR_TOKEN || (existsSync(file) ? readFileSync(file, 'utf8').trim() : null);
  return { baseUrl, token };
}
