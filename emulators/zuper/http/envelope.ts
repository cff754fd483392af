// Zuper's response envelopes (reference §1.5).

export interface ErrorEnvelope {
  type: 'error';
  title: string;
  message: string;
}

export interface ListEnvelope<T> {
  type: 'success';
  data: T[];
  total_records: number;
  current_page: number;
  total_pages: number;
}

export function errorEnvelope(title: string, message: string = title): ErrorEnvelope {
  return { type: 'error', title, message };
}

export function recordEnvelope<T>(data: T): { type: 'success'; data: T } {
  return { type: 'success', data };
}

export function writeEnvelope<T>(message: string, data: T): { type: 'success'; message: string; data: T } {
  return { type: 'success', message, data };
}

/** A failure a route answers with: status plus the error envelope (or a configured raw body). */
export class ApiError extends Error {
  readonly body: Record<string, unknown>;

  constructor(
    readonly status: number,
    title: string,
    message: string = title,
    body?: Record<string, unknown>,
  ) {
    super(message);
    this.body = body ?? { ...errorEnvelope(title, message) };
  }
}

export function badRequest(message: string, title: string = message): ApiError {
  return new ApiError(400, title, message);
}
