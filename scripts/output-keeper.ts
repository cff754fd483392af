/**
 * Keeps what a child process prints without keeping all of it: the start (where a Go panic or a failed script says
 * why) and the latest part (where it was when it stopped).
 */
export function outputKeeper(headChars = 2000, tailChars = 2000) {
  let head = '';
  let tail = '';
  let dropped = false;
  return {
    add(chunk: string) {
      if (head.length < headChars) {
        const room = headChars - head.length;
        head += chunk.slice(0, room);
        chunk = chunk.slice(room);
      }
      const joined = tail + chunk;
      if (joined.length > tailChars) dropped = true;
      tail = joined.slice(-tailChars);
    },
    text: () => (head + (dropped ? '\n[…]\n' : '') + tail).trim(),
  };
}
