import * as enc from './encode';

/**
 * A submit description as an ordered list of commands whose values are
 * already encoded. Only the builders below add to it, so every value in the
 * rendered text has passed through an encoder.
 */
export class SubmitDescription {
  private readonly commands: [string, string][] = [];

  plain(key: string, value: string): this {
    return this.add(key, enc.encodePlain(key, value));
  }

  integer(key: string, value: number): this {
    return this.add(key, enc.encodeInteger(key, value));
  }

  boolean(key: string, value: boolean): this {
    return this.add(key, enc.encodeBoolean(value));
  }

  pathList(key: string, paths: string[]): this {
    return this.add(key, enc.encodePathList(key, paths));
  }

  arguments(args: string[]): this {
    return this.add('arguments', enc.encodeArguments('arguments', args));
  }

  environment(env: Record<string, string>): this {
    return this.add('environment', enc.encodeEnvironment('environment', env));
  }

  classAdString(attr: string, value: string): this {
    return this.add(`MY.${attr}`, enc.encodeClassAdString(attr, value));
  }

  classAdInteger(attr: string, value: number): this {
    return this.add(`MY.${attr}`, enc.encodeInteger(attr, value));
  }

  /**
   * The admin's own commands from the settings file, taken verbatim: the
   * admin is trusted, but a line break is still refused.
   */
  adminCommand(key: string, value: string): this {
    return this.add(key, enc.requireOneLine(key, value));
  }

  get(key: string): string | undefined {
    return this.commands.find(([k]) => k === key)?.[1];
  }

  render(): string {
    const lines = this.commands.map(([key, value]) => `${key} = ${value}`);

    return `${lines.join('\n')}\nqueue 1\n`;
  }

  private add(key: string, value: string): this {
    if (!/^(MY\.|\+)?[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) {
      throw new enc.EncodeError(key, 'is not a submit command name');
    }
    this.commands.push([key, value]);

    return this;
  }
}
