import type { AppContext } from '../../service/context.js';
import type { HandOffDeps } from './hand-off.js';
import type { TokenBuckets } from './token-buckets.js';

/** What the webhook routes share, resolved once from the context and the server options. */
export interface WebhookDeps {
  ctx: AppContext;
  handOff: HandOffDeps;
  buckets: TokenBuckets;
  /** Sent as Retry-After with a 429: when the connection's bucket holds a token again. */
  retryAfterSeconds: number;
  now: () => Date;
}
