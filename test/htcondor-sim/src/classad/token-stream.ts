import { ClassAdSyntaxError, type Token } from './lexer';

/** Reading position over tokens, with the checks a parser needs. */
export class TokenStream {
  protected i = 0;

  constructor(private readonly tokens: Token[]) {}

  expectEnd(): void {
    if (this.peek().kind !== 'end') this.fail();
  }

  protected peek(): Token {
    return this.tokens[this.i] ?? { kind: 'end', text: '', pos: -1 };
  }

  protected next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;

    return t;
  }

  /** Consumes the operator `op` when it comes next. */
  protected accept(op: string): boolean {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== op) return false;
    this.i++;

    return true;
  }

  protected expect(op: string): void {
    if (!this.accept(op)) this.fail();
  }

  protected name(): string {
    const t = this.next();
    if (t.kind !== 'name' && t.kind !== 'quoted-name') this.fail(t);

    return t.text;
  }

  protected fail(t: Token = this.peek()): never {
    const what =
      t.kind === 'end' ? 'end of expression' : JSON.stringify(t.text);
    throw new ClassAdSyntaxError(`unexpected ${what} at ${t.pos}`);
  }
}
