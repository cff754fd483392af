import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ActionableError } from './startup-step.js';

/** A port start-up is about to listen on, with what listens there and the setting that moves it. */
export interface PlannedPort {
  host: string;
  port: number;
  what: string;
  setting: string;
  /** Another way out, e.g. a setting that uses what already listens there. */
  alternative?: string;
}

export interface PortHolder {
  pid: number;
  command: string;
}

/** Whether `host:port` can be listened on right now. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => done(true)));
  });
}

const listeningInodes = (port: number): Set<string> => {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // Columns: sl local_address rem_address st … inode; state 0A is LISTEN, the port is hex after the colon.
      const cols = line.trim().split(/\s+/);
      const local = cols[1]?.split(':').pop();
      if (local && Number.parseInt(local, 16) === port && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
};

/** The process listening on a TCP port, read from /proc (Linux, same user); null elsewhere or when not visible. */
export function portHolder(port: number): PortHolder | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const sockets = readdirSync(`/proc/${entry}/fd`).map((fd) => readlinkSync(`/proc/${entry}/fd/${fd}`));
      if (!sockets.some((s) => inodes.has(s.replace(/^socket:\[(\d+)\]$/, '$1')))) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      return { pid: Number(entry), command };
    } catch {
      // The process ended or is not ours to read.
    }
  }
  return null;
}

/**
 * One line for a port that is taken: which process holds it when that can be seen, and what to do. A Temporal dev
 * server on this data folder's database, or another start of this service, is named as such: a leftover of an earlier
 * run is reported, never used as if this start had made it.
 */
export function portInUseMessage(planned: PlannedPort, holder: PortHolder | null, dataDir: string): string {
  const head = `Port ${planned.port} (${planned.what}) is in use`;
  const elsewhere = `set ${planned.setting} to a free port${planned.alternative ? `, or ${planned.alternative}` : ''}`;
  if (!holder) return `${head}: stop what listens there (lsof -i :${planned.port}) or ${elsewhere}.`;
  const kill = `"kill ${holder.pid}"`;
  if (holder.command.includes(resolve(dataDir, 'temporal.db'))) {
    return `${head} by a Temporal dev server left running by an earlier npm start (pid ${holder.pid}): stop it with ${kill} and start again.`;
  }
  if (holder.command.includes('scripts/start.js')) {
    return `${head} by another npm start of this service (pid ${holder.pid}): stop it (Ctrl-C in its terminal, or ${kill}) or ${elsewhere}.`;
  }
  const shown = holder.command.length > 80 ? `${holder.command.slice(0, 79)}…` : holder.command;
  return `${head} by pid ${holder.pid} (${shown}): stop it with ${kill} or ${elsewhere}.`;
}

/** Throws one line for the first planned port that is taken. */
export async function ensurePortsFree(ports: PlannedPort[], dataDir: string): Promise<void> {
  for (const planned of ports) {
    if (!(await portIsFree(planned.host, planned.port))) {
      throw new PortInUseError(portInUseMessage(planned, portHolder(planned.port), dataDir));
    }
  }
}

export class PortInUseError extends ActionableError {
  override name = 'PortInUseError';
}
