import { createServer } from 'node:net';

/**
 * Ports are picked below Linux's default ephemeral range (32768–60999), from which the kernel takes the source port
 * of every outgoing connection: a port found free there can be taken by any client socket before its owner listens
 * on it, which made concurrent tests fail with EADDRINUSE now and then.
 */
export const freePortRange = { from: 20_000, to: 32_767 } as const;

const tries = 50;

/** A TCP port free on 127.0.0.1 right now, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < tries; attempt++) {
    const port = freePortRange.from + Math.floor(Math.random() * (freePortRange.to - freePortRange.from + 1));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found in ${freePortRange.from}–${freePortRange.to} after ${tries} tries`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
