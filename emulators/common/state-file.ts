import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** JSON that keeps Maps and Sets (the emulators' stores are made of them). */
export function encodeState(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { $map: [...(v as Map<unknown, unknown>).entries()] };
    if (v instanceof Set) return { $set: [...(v as Set<unknown>).values()] };
    return v;
  });
}

export function decodeState(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const tagged = v as { $map?: unknown; $set?: unknown };
      if (Array.isArray(tagged.$map)) return new Map(tagged.$map as Array<[unknown, unknown]>);
      if (Array.isArray(tagged.$set)) return new Set(tagged.$set as unknown[]);
    }
    return v;
  });
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An emulator's whole state in one JSON file, rewritten atomically (temporary file, fsync, rename, fsync of the
 * folder) before the reply to any request that may have changed it leaves: a change a caller saw acknowledged is on
 * disk, and a crash leaves either the old file or the new one, never half of one.
 */
export class StateFile {
  private lastWritten = '';

  constructor(
    readonly path: string,
    private readonly snapshot: () => unknown,
  ) {}

  /** The saved state, or undefined when there is none yet. A damaged file stops start-up with what to do. */
  load(): unknown {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const state = decodeState(text);
      this.lastWritten = text;
      return state;
    } catch (error) {
      throw new Error(
        `The emulator state file ${this.path} is not valid JSON (${(error as Error).message}): move it away to start with empty companies.`,
      );
    }
  }

  /** Writes the current state when it differs from what the file holds. */
  save(): void {
    const text = encodeState(this.snapshot());
    if (text === this.lastWritten) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    const folder = openSync(dirname(this.path), 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
    this.lastWritten = text;
  }

  /** Saves before the reply to every request that may change state, and once more on close. */
  install(app: FastifyInstance): void {
    app.addHook('onSend', (request, _reply, payload, done) => {
      try {
        if (!readOnlyMethods.has(request.method)) this.save();
        done(null, payload);
      } catch (error) {
        done(error as Error);
      }
    });
    app.addHook('onClose', (_app, done) => {
      this.save();
      done();
    });
  }
}
