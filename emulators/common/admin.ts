import type { FastifyInstance, FastifyRequest } from 'fastify';

// Shared admin-API building blocks. The request log lets tests assert on exactly what a client sent.

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status?: number;
  /** The company the request was for, when the emulator names it (Zuper: the one whose API key authenticated it). */
  company?: string;
}

export interface RequestLogFilter {
  method?: string;
  /** Substring of the path (without query string). */
  pathIncludes?: string;
  /** Only entries with seq greater than this. */
  afterSeq?: number;
}

export interface RequestLogOptions {
  /** Header names (lowercase) worth keeping; others are dropped. */
  headers: string[];
  /** Oldest entries are discarded beyond this many. */
  limit?: number;
  now: () => Date;
  /** Which company a request was for, asked once it is answered (after authentication). */
  companyOf?: (request: FastifyRequest) => string | undefined;
}

/** Records every API request (method, path, query, chosen headers, parsed body, status) for tests to inspect. */
export class RequestLog {
  private readonly items: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly opts: RequestLogOptions) {}

  /** Records requests whose URL passes `isApiRoute`, after the body is parsed; the status is filled on response. */
  install(app: FastifyInstance, isApiRoute: (url: string) => boolean): void {
    const pending = new WeakMap<object, RequestLogEntry>();
    app.addHook('onRequest', (request, _reply, done) => {
      if (!isApiRoute(request.url)) return done();
      const [path = '', search = ''] = request.url.split('?', 2);
      const headers: Record<string, string> = {};
      for (const name of this.opts.headers) {
        const value = request.headers[name];
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const entry: RequestLogEntry = {
        seq: ++this.seq,
        at: this.opts.now().toISOString(),
        method: request.method,
        path,
        query: Object.fromEntries(new URLSearchParams(search)),
        headers,
        body: undefined,
      };
      pending.set(request, entry);
      this.push(entry);
      done();
    });
    app.addHook('preHandler', (request, _reply, done) => {
      const entry = pending.get(request);
      if (entry) entry.body = request.body;
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      const entry = pending.get(request);
      if (entry) {
        entry.status = reply.statusCode;
        const company = this.opts.companyOf?.(request);
        if (company !== undefined) entry.company = company;
      }
      done();
    });
  }

  entries(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const method = filter.method?.toUpperCase();
    return this.items.filter(
      (e) =>
        (method === undefined || e.method === method) &&
        (filter.pathIncludes === undefined || e.path.includes(filter.pathIncludes)) &&
        (filter.afterSeq === undefined || e.seq > filter.afterSeq),
    );
  }

  clear(): void {
    this.items.length = 0;
  }

  private push(entry: RequestLogEntry): void {
    this.items.push(entry);
    const limit = this.opts.limit ?? 10_000;
    if (this.items.length > limit) this.items.splice(0, this.items.length - limit);
  }
}
