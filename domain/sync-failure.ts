/** Types of non-retryable failures that need a person: the run records them and stops retrying. */
export const NEEDS_ATTENTION = 'NeedsAttention';
export const CONNECTION_UNAUTHORIZED = 'ConnectionUnauthorized';

/** The plain-language explanation of a failed sync that the history shows. */
export interface FailureExplanation {
  status: 'needs_attention' | 'failed';
  code: string | null;
  explanation: string;
  fix: string | null;
}
