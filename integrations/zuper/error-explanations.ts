import type { ZuperApiErrorFields } from './errors.js';

export interface Explained {
  explanation: string;
  fix: string;
}

type FailureFacts = Omit<ZuperApiErrorFields, 'writeMayHaveLanded'>;

// Zuper's wording for a refused negative balance is unknown, so match the likely phrasings.
const NEGATIVE_STOCK = /negative|insufficient|not enough|exceeds? (the )?(available|stock)|out of stock/i;
// The live message when PUT receives GET-shaped nested objects (reference §2.5).
const PRODUCT_PUT_SHAPE = /error in updating product details/i;

const isWrite = (endpoint: string): boolean => !endpoint.startsWith('GET ');

/** Plain-language explanation and fix for a failed Zuper call, for the sync history. */
export function explainApiFailure(facts: FailureFacts): Explained {
  const said = [facts.title, facts.message].filter((s, i, all) => s !== '' && all.indexOf(s) === i).join(': ');
  const quoted = said === '' ? '' : ` Zuper said: "${said}".`;
  switch (facts.kind) {
    case 'throttled': {
      const wait = facts.retryAfterMs === undefined ? 'a short while' : `${Math.ceil(facts.retryAfterMs / 1000)} s`;
      return {
        explanation: `Zuper's per-company rate limit (200 to 700 requests a minute, by plan) was reached.`,
        fix: `Nothing to change: the call is retried after ${wait}. If this happens often, lower the request rate configured for this Zuper company.`,
      };
    }
    case 'auth':
      return {
        explanation: `Zuper rejected the API key on ${facts.endpoint}: it is missing, mistyped, revoked, or its user was deactivated${isWrite(facts.endpoint) ? ', or it is a read-only key used for a change' : ''}.${quoted}`,
        fix: 'Create a key in Zuper under Settings → Developer Hub → API Keys (not read-only, for a user other than your own so its changes are not skipped), then update this connection.',
      };
    case 'forbidden':
      return isWrite(facts.endpoint)
        ? {
            explanation: `Zuper refused the change ${facts.endpoint}: the API key is read-only or its user lacks the permission.${quoted}`,
            fix: 'Use an API key without the "Read-only" option (Settings → Developer Hub → API Keys) whose user may edit parts, stock, invoices and webhooks.',
          }
        : {
            explanation: `Zuper refused ${facts.endpoint}: the API key's user lacks permission to read this.${quoted}`,
            fix: "Give the API key's user access to Parts & Services, stock locations, invoices and the Developer Hub.",
          };
    case 'validation':
      return explainValidation(facts, quoted);
    case 'not-found':
      return {
        explanation: `Zuper has no such record for ${facts.endpoint}: it was deleted or belongs to another company.${quoted}`,
        fix: 'Check that the item still exists in Zuper; if it was deleted there, re-link or recreate it.',
      };
    case 'server':
      return {
        explanation: `Zuper had an internal error (HTTP ${facts.httpStatus ?? '5xx'}) on ${facts.endpoint}.${quoted}${isWrite(facts.endpoint) ? ' The change may or may not have been applied.' : ''}`,
        fix: 'Usually temporary: the call is retried automatically, after checking whether a change already landed. If it persists, contact Zuper support with this message.',
      };
    case 'network':
      return {
        explanation: `No answer from Zuper on ${facts.endpoint} (${facts.message}).${isWrite(facts.endpoint) ? ' The change may have been applied even though no reply arrived.' : ''}`,
        fix: 'Retried automatically, after checking whether a change already landed. If it persists, check the network and the configured Zuper base URL.',
      };
  }
}

function explainValidation(facts: FailureFacts, quoted: string): Explained {
  const text = `${facts.title} ${facts.message}`;
  if (NEGATIVE_STOCK.test(text)) {
    return {
      explanation: `Zuper refused to take a stock location below zero.${quoted}`,
      fix: 'Turn on Settings → Parts & Services → Allow negative stock balance (the sync needs it, as QuickBooks allows negative quantities), then retry.',
    };
  }
  if (PRODUCT_PUT_SHAPE.test(text)) {
    return {
      explanation: `Zuper rejected a product update because a field was not in the shape it accepts.${quoted}`,
      fix: 'Report this to the maintainers of the sync service with the product involved; editing the product in Zuper will not help.',
    };
  }
  return {
    explanation: `Zuper rejected ${facts.endpoint} as invalid.${quoted}`,
    fix: "Correct the data Zuper's message points at (in Zuper or in QuickBooks, whichever holds it), then retry the sync.",
  };
}
