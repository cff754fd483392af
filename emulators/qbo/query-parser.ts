import { QueryParseError, parseErrorDetail, tokenize, type Token } from './query-lexer.js';

export { QueryParseError } from './query-lexer.js';

export type Literal = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface Condition {
  field: string;
  op: Operator;
  values: Literal[];
}

export interface ParsedQuery {
  count: boolean;
  /** Selected properties, or undefined for `*`. */
  fields?: string[];
  entity: string;
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  startPosition?: number;
  maxResults?: number;
}

const comparisonOps = new Set(['=', '<', '>', '<=', '>=']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? { kind: 'eof', text: '', column: 0 };
  }

  private next(): Token {
    const t = this.peek();
    this.pos++;
    return t;
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toLowerCase() === word;
  }

  private fail(expected: string[]): never {
    throw new QueryParseError(parseErrorDetail(this.peek(), expected));
  }

  private keyword(word: string): void {
    if (!this.isKeyword(word)) this.fail([`"${word}"`]);
    this.pos++;
  }

  private punct(p: string): void {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) this.fail([`"${p}"`]);
    this.pos++;
  }

  private identifier(): string {
    const t = this.peek();
    if (t.kind !== 'ident') this.fail(['<IDENTIFIER>']);
    this.pos++;
    return t.text;
  }

  private literal(): Literal {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'ident' && ['true', 'false'].includes(t.text.toLowerCase())) return t.text.toLowerCase() === 'true';
    this.pos--;
    return this.fail(['<STRING_LITERAL>', '<NUMBER_LITERAL>', '"true"', '"false"']);
  }

  private positiveInt(): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail(['<INTEGER_LITERAL>']);
    this.pos++;
    return Number(t.text);
  }

  parse(): ParsedQuery {
    this.keyword('select');
    const q: ParsedQuery = { count: false, entity: '', where: [], orderBy: [] };
    const first = this.peek();
    if (first.kind === 'punct' && first.text === '*') {
      this.pos++;
    } else if (this.isKeyword('count')) {
      this.pos++;
      this.punct('(');
      this.punct('*');
      this.punct(')');
      q.count = true;
    } else {
      q.fields = [this.identifier()];
      while (this.peek().kind === 'punct' && this.peek().text === ',') {
        this.pos++;
        q.fields.push(this.identifier());
      }
    }
    this.keyword('from');
    q.entity = this.identifier();
    if (this.isKeyword('where')) {
      this.pos++;
      q.where.push(this.condition());
      while (this.isKeyword('and')) {
        this.pos++;
        q.where.push(this.condition());
      }
    }
    this.tail(q);
    return q;
  }

  private condition(): Condition {
    const field = this.identifier();
    const t = this.peek();
    if (t.kind === 'op' && comparisonOps.has(t.text)) {
      this.pos++;
      return { field, op: t.text as Operator, values: [this.literal()] };
    }
    if (this.isKeyword('in')) {
      this.pos++;
      this.punct('(');
      const values = [this.literal()];
      while (this.peek().kind === 'punct' && this.peek().text === ',') {
        this.pos++;
        values.push(this.literal());
      }
      this.punct(')');
      return { field, op: 'IN', values };
    }
    if (this.isKeyword('like')) {
      this.pos++;
      const value = this.peek();
      if (value.kind !== 'string') this.fail(['<STRING_LITERAL>']);
      this.pos++;
      return { field, op: 'LIKE', values: [value.text] };
    }
    return this.fail(['"="', '"<"', '">"', '"<="', '">="', '"in"', '"like"']);
  }

  /** ORDERBY / ORDER BY, STARTPOSITION and MAXRESULTS, the last two in any order. */
  private tail(q: ParsedQuery): void {
    const expected = ['<EOF>', '"and"', '"maxresults"', '"order"', '"orderby"', '"startposition"'];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (this.isKeyword('orderby') || this.isKeyword('order')) {
        if (q.orderBy.length > 0) this.fail(expected);
        const word = this.next().text.toLowerCase();
        if (word === 'order') this.keyword('by');
        do {
          if (q.orderBy.length > 0) this.pos++;
          const field = this.identifier();
          let desc = false;
          if (this.isKeyword('asc') || this.isKeyword('desc')) desc = this.next().text.toLowerCase() === 'desc';
          q.orderBy.push({ field, desc });
        } while (this.peek().kind === 'punct' && this.peek().text === ',');
      } else if (this.isKeyword('startposition') && q.startPosition === undefined) {
        this.pos++;
        q.startPosition = this.positiveInt();
      } else if (this.isKeyword('maxresults') && q.maxResults === undefined) {
        this.pos++;
        q.maxResults = this.positiveInt();
      } else {
        this.fail(expected);
      }
    }
  }
}

/** Parses a query; throws QueryParseError whose message is the QueryParserError detail. */
export function parseQuery(query: string): ParsedQuery {
  return new Parser(tokenize(query)).parse();
}
