// Just enough of the PostgreSQL wire protocol to let several processes share one embedded PGlite database.

/** The code a client sends instead of a protocol version to ask for TLS. */
const SSL_REQUEST_CODE = 80877103;

export interface FrameSplit {
  /** Complete messages, in order, ready to hand to PGlite. */
  frames: Buffer[];
  /** Bytes of an incomplete message, kept for the next chunk. */
  rest: Buffer;
  /** TLS requests seen (each is answered with a refusal, `N`). */
  sslRequests: number;
  /** Whether the startup message (which has no type byte) has been read. */
  startupSeen: boolean;
}

/** Cuts a client's byte stream into whole messages; the first message (startup or SSL request) has no type byte. */
export function splitFrames(buffer: Buffer, startupSeen: boolean): FrameSplit {
  const frames: Buffer[] = [];
  let sslRequests = 0;
  let rest = buffer;
  for (;;) {
    if (!startupSeen) {
      if (rest.length < 8) break;
      const length = rest.readInt32BE(0);
      if (rest.length < length) break;
      if (rest.readInt32BE(4) === SSL_REQUEST_CODE) sslRequests += 1;
      else {
        frames.push(rest.subarray(0, length));
        startupSeen = true;
      }
      rest = rest.subarray(length);
      continue;
    }
    if (rest.length < 5) break;
    const length = rest.readInt32BE(1);
    if (rest.length < 1 + length) break;
    frames.push(rest.subarray(0, 1 + length));
    rest = rest.subarray(1 + length);
  }
  return { frames, rest, sslRequests, startupSeen };
}

/** The transaction status of the last ReadyForQuery in a server answer: idle, in a transaction, failed, or none. */
export function lastReadyStatus(output: Uint8Array): 'I' | 'T' | 'E' | null {
  const view = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  let status: 'I' | 'T' | 'E' | null = null;
  for (let at = 0; at + 5 <= view.length; at += 1 + view.readInt32BE(at + 1)) {
    if (view[at] === 0x5a) status = String.fromCharCode(view[at + 5] ?? 0) as 'I' | 'T' | 'E';
  }
  return status;
}

/** `X`: the client is leaving; PGlite must not see it (it would end the one shared session). */
export const isTerminate = (frame: Buffer) => frame[0] === 0x58;

/** A simple-protocol query message. */
export function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** Sync: ends an extended-protocol exchange a vanished client may have left half-way. */
export const syncMessage = Buffer.from([0x53, 0, 0, 0, 4]);
