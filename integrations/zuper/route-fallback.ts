import type { z } from 'zod';
import { ZuperApiError } from './errors.js';
import type { ZuperRequest, ZuperTransport } from './http-transport.js';

/** The host root of an API base URL (`https://x.zuperpro.com/api` → `https://x.zuperpro.com`). */
export function hostRootOf(apiBaseUrl: string): string {
  return apiBaseUrl.replace(/\/+$/, '').replace(/\/api$/, '');
}

/**
 * For routes whose place is not settled (webhook management under `/api` or at the host root): calls where the route
 * last answered and, when Zuper answers its HTML "Cannot POST" page there, the other place once, then keeps to the
 * one that answered. A missing route applied nothing, so repeating a write elsewhere is safe.
 */
export function transportWithRouteFallback(first: ZuperTransport, second: ZuperTransport): ZuperTransport {
  const places = [first, second] as const;
  let current: 0 | 1 = 0;
  return {
    async call<T extends z.ZodType>(schema: T, request: ZuperRequest): Promise<z.output<T>> {
      try {
        return await places[current].call(schema, request);
      } catch (error) {
        if (!(error instanceof ZuperApiError) || !error.routeMissing) throw error;
        const other = current === 0 ? 1 : 0;
        const answer = await places[other].call(schema, request);
        current = other;
        return answer;
      }
    },
  };
}
