// Tokens of QBO's SQL-like query language.

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column, as QBO's parser reports it. */
  column: number;
}

export class QueryParseError extends Error {}

const kindLabel: Record<TokenKind, string> = {
  ident: '<IDENTIFIER>',
  string: '<STRING_LITERAL>',
  number: '<NUMBER_LITERAL>',
  punct: '',
  op: '',
  eof: '<EOF>',
};

/** The Detail text of a 4000 fault, shaped like the JavaCC message QBO returns. */
export function parseErrorDetail(token: Token, expected: string[]): string {
  const label = token.kind === 'punct' || token.kind === 'op' ? `"${token.text}"` : kindLabel[token.kind];
  const shown = token.kind === 'eof' ? label : `${label} "${token.text} ""`;
  return `Encountered " ${shown} at line 1, column ${token.column}.\nWas expecting one of:\n    ${expected.join('\n    ')}\n    `;
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] ?? '';
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let text = '';
      i++;
      for (;;) {
        const c = query[i];
        if (c === undefined) {
          throw new QueryParseError(
            `Lexical error at line 1, column ${query.length + 1}.  Encountered: <EOF> after : "'${text}"`,
          );
        }
        if (c === '\\' && i + 1 < query.length) {
          text += query[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text, column });
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(query[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(query.slice(i));
      const text = m?.[0] ?? ch;
      tokens.push({ kind: 'number', text, column });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i));
      const text = m?.[0] ?? ch;
      tokens.push({ kind: 'ident', text, column });
      i += text.length;
    } else if ('(),*'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, column });
      i++;
    } else if ('<>=!'.includes(ch)) {
      const two = query.slice(i, i + 2);
      const text = ['<=', '>=', '!=', '<>'].includes(two) ? two : ch;
      tokens.push({ kind: 'op', text, column });
      i += text.length;
    } else {
      throw new QueryParseError(`Lexical error at line 1, column ${column}.  Encountered: "${ch}"`);
    }
  }
  tokens.push({ kind: 'eof', text: '', column: query.length + 1 });
  return tokens;
}
