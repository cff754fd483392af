import { createServer, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { isTerminate, lastReadyStatus, simpleQuery, splitFrames, syncMessage } from './pg-wire-frames.js';

export interface PgliteWireServer {
  /** A `postgres://` URL any `pg` client (in any process) can use. */
  url: string;
  close(): Promise<void>;
}

/**
 * An in-memory PGlite served over TCP on 127.0.0.1, so a worker process can be killed with SIGKILL while the
 * database (like a real PostgreSQL) lives on. PGlite has one session: a client owns it from the first message until
 * it is idle again (outside any transaction), so transactions of different clients never interleave. A client that
 * vanishes mid-transaction is rolled back, as PostgreSQL does for a dropped connection.
 */
export async function startPgliteWireServer(): Promise<PgliteWireServer> {
  const db = new PGlite();
  await db.waitReady;
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    let startupSeen = false;
    let closed = false;
    let release: (() => void) | null = null;
    let chain = Promise.resolve();
    const own = () =>
      new Promise<void>((granted) => {
        void db.runExclusive(
          () =>
            new Promise<void>((done) => {
              release = done;
              granted();
            }),
        );
      });
    const letGo = () => {
      const done = release;
      release = null;
      done?.();
    };
    const forward = async (frames: Buffer[]) => {
      if (closed) return;
      if (!release) await own();
      const answer = await db.execProtocolRaw(new Uint8Array(Buffer.concat(frames)));
      if (!closed) socket.write(answer);
      if (lastReadyStatus(answer) === 'I') letGo();
    };
    const rollBack = async () => {
      if (!release) return;
      await db.execProtocolRaw(new Uint8Array(syncMessage));
      await db.execProtocolRaw(new Uint8Array(simpleQuery('ROLLBACK')));
      letGo();
    };

    socket.on('data', (chunk: Buffer) => {
      const split = splitFrames(Buffer.concat([pending, chunk]), startupSeen);
      const frames = split.frames.map((f) => Buffer.from(f));
      // PGlite ignores whatever follows a startup message in the same call: the startup goes alone.
      const batches = !startupSeen && split.startupSeen ? [frames.slice(0, 1), frames.slice(1)] : [frames];
      pending = Buffer.from(split.rest);
      startupSeen = split.startupSeen;
      for (let i = 0; i < split.sslRequests; i++) socket.write('N');
      for (const batch of batches) {
        const toSend = batch.filter((f) => !isTerminate(f));
        // A failure PGlite cannot answer ends the connection (and so rolls its transaction back).
        if (toSend.length > 0) chain = chain.then(() => forward(toSend)).catch(() => void socket.destroy());
      }
      if (frames.some(isTerminate)) chain = chain.then(() => void socket.end());
    });
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      chain = chain.then(rollBack);
    });
    socket.on('error', () => undefined);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
