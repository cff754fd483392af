/** Path of the data-centre discovery call, the one /api route that needs no API key. */
export const discoveryPath = '/api/config';

/** Authenticated, rate-limited, fault-injected API routes: everything under /api except discovery. */
export function isApiRoute(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path.startsWith('/api/') && path !== discoveryPath;
}
