import type { FastifyReply } from 'fastify';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A small self-contained HTML page for the person in the browser: a title and plain-language paragraphs. */
export function sendPage(reply: FastifyReply, status: number, title: string, paragraphs: string[]) {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n` +
        `<body style="font-family:sans-serif;max-width:40em;margin:3em auto">\n<h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`,
    );
}
