export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

/**
 * Progress on stderr: on a terminal one line rewritten in place (cleared by `done`), elsewhere (logs, pipes) one
 * line per update.
 */
export function createProgress(sink: ProgressSink) {
  let shown = false;
  return {
    update(message: string) {
      if (sink.isTTY) {
        sink.write(`\r\x1b[K${message}`);
        shown = true;
      } else {
        sink.write(`${message}\n`);
      }
    },
    done() {
      if (shown) sink.write('\r\x1b[K');
      shown = false;
    },
  };
}
