import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import { errorReplacer } from './error-serializer.js';

const levels: Record<string, LogLevel> = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

/**
 * The worker's logger: one JSON object per line with the workflow, run, activity and task queue ids Temporal
 * attaches, so log lines can be matched to runs in the Temporal UI. Errors anywhere in a line keep their message, type
 * and causes.
 */
export function jsonRuntimeLogger(level: string, write: (line: string) => void = (l) => process.stdout.write(l)) {
  return new DefaultLogger(levels[level] ?? 'INFO', (entry: LogEntry) => {
    const { level: entryLevel, message, meta, timestampNanos } = entry;
    write(
      `${JSON.stringify(
        {
          time: new Date(Number(timestampNanos / 1_000_000n)).toISOString(),
          level: entryLevel.toLowerCase(),
          msg: message,
          ...meta,
        },
        errorReplacer,
      )}\n`,
    );
  });
}
