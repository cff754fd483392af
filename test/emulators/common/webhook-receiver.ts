import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  body: Buffer;
  headers: IncomingHttpHeaders;
  at: number;
}

/** Decides the status for each request (or 'hang' to never answer); called with the 1-based request count. */
export type Responder = (n: number, req: ReceivedRequest) => number | 'hang';

/** A loopback HTTP server that records raw webhook POSTs, for tests. */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  private server: Server | undefined;
  private readonly hanging = new Set<() => void>();

  constructor(private responder: Responder = () => 200) {}

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const entry = { body: Buffer.concat(chunks), headers: req.headers, at: performance.now() };
        this.received.push(entry);
        const status = this.responder(this.received.length, entry);
        if (status === 'hang') {
          const finish = () => res.destroy();
          this.hanging.add(finish);
          res.on('close', () => this.hanging.delete(finish));
          return;
        }
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hook`;
  }

  bodies(): string[] {
    return this.received.map((r) => r.body.toString('utf8'));
  }

  async close(): Promise<void> {
    for (const finish of this.hanging) finish();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
