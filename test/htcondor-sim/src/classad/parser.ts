import { type Node, UNDEFINED, ERROR, bool, int, real, str } from './ast';
import { ClassAdSyntaxError, tokenize } from './lexer';
import { TokenStream } from './token-stream';

/** Binary operators from lowest to highest precedence. */
const LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['==', '!=', '=?=', '=!=', 'is', 'isnt'],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

const KEYWORDS: Record<string, Node> = {
  true: { type: 'lit', value: bool(true) },
  false: { type: 'lit', value: bool(false) },
  undefined: { type: 'lit', value: UNDEFINED },
  error: { type: 'lit', value: ERROR },
};

/** Parses a whole expression; throws ClassAdSyntaxError on bad input. */
export function parseExpression(text: string): Node {
  const parser = new Parser(tokenize(text));
  const node = parser.expression();
  parser.expectEnd();

  return node;
}

export function isValidExpression(text: string): boolean {
  try {
    parseExpression(text);
    return true;
  } catch (err) {
    if (err instanceof ClassAdSyntaxError) return false;
    throw err;
  }
}

class Parser extends TokenStream {
  expression(): Node {
    const test = this.binary(0);
    if (!this.accept('?')) return test;
    const then = this.expression();
    this.expect(':');

    return { type: 'cond', test, then, else: this.expression() };
  }

  private binary(level: number): Node {
    const ops = LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (let op = this.binaryOp(ops); op; op = this.binaryOp(ops)) {
      const canonical = op === 'is' ? '=?=' : op === 'isnt' ? '=!=' : op;
      const right = this.binary(level + 1);
      left = { type: 'binary', op: canonical, left, right };
    }

    return left;
  }

  private binaryOp(ops: string[]): string | undefined {
    const t = this.peek();
    const text = t.kind === 'name' ? t.text.toLowerCase() : t.text;
    const candidate = t.kind === 'op' || t.kind === 'name';
    if (!candidate || !ops.includes(text)) return undefined;
    this.i++;

    return text;
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === 'op' && ['-', '+', '!'].includes(t.text)) {
      this.i++;
      return { type: 'unary', op: t.text, arg: this.unary() };
    }

    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.accept('.')) {
        node = { type: 'select', base: node, name: this.name() };
      } else if (this.accept('[')) {
        const index = this.expression();
        this.expect(']');
        node = { type: 'call', name: '__index', args: [node, index] };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const t = this.next();
    if (t.kind === 'int') return { type: 'lit', value: int(Number(t.text)) };
    if (t.kind === 'real') return { type: 'lit', value: real(Number(t.text)) };
    if (t.kind === 'string') return { type: 'lit', value: str(t.text) };
    if (t.kind === 'quoted-name') return { type: 'attr', name: t.text };
    if (t.kind === 'name') return this.named(t.text);
    if (t.text === '(') return this.parenthesised();
    if (t.text === '{') return this.list();
    if (t.text === '[') return this.record();

    return this.fail(t);
  }

  private named(name: string): Node {
    const keyword = KEYWORDS[name.toLowerCase()];
    if (keyword) return keyword;
    if (this.accept('(')) return { type: 'call', name, args: this.items(')') };
    const scope = name.toLowerCase();
    if ((scope === 'my' || scope === 'target') && this.accept('.')) {
      return { type: 'attr', name: this.name(), scope };
    }

    return { type: 'attr', name };
  }

  private parenthesised(): Node {
    const node = this.expression();
    this.expect(')');

    return node;
  }

  private list(): Node {
    return { type: 'list', items: this.items('}') };
  }

  private record(): Node {
    const fields: [string, Node][] = [];
    while (!this.accept(']')) {
      const name = this.name();
      this.expect('=');
      fields.push([name, this.expression()]);
      if (!this.accept(';') && this.peek().text !== ']') this.fail();
    }

    return { type: 'record', fields };
  }

  private items(close: string): Node[] {
    const items: Node[] = [];
    if (this.accept(close)) return items;
    do items.push(this.expression());
    while (this.accept(','));
    this.expect(close);

    return items;
  }
}
