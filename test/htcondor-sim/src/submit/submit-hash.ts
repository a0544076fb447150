import { expandMacros } from './macros';

export interface Assignment {
  key: string;
  value: string;
  line: number;
}

const CUSTOM_ATTRIBUTE = /^(\+|my\.)/i;
const STANDARD_REQUESTS = [
  'request_cpus',
  'request_memory',
  'request_disk',
  'request_gpus',
];

/**
 * The commands and macros in effect for one job, with the live values
 * (`ClusterId`, `ProcId`, queue items). Every lookup marks the name as
 * used, so that what was never used can be reported as a likely typo.
 */
export class SubmitHash {
  private readonly used = new Set<string>();

  constructor(
    private readonly assignments: Map<string, Assignment>,
    private readonly live: Record<string, string>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The expanded value of a command, or undefined when it is not set. */
  get(name: string): string | undefined {
    const raw = this.raw(name);

    return raw === undefined ? undefined : this.expand(raw);
  }

  /** First of several spellings (`arguments`/`args`) that is set. */
  getAny(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.get(name);
      if (value !== undefined) return value;
    }

    return undefined;
  }

  expand(text: string): string {
    return expandMacros(text, (name) => this.lookup(name), this.env);
  }

  /** `MY.Attr` and `+Attr` commands, in file order, values unexpanded. */
  customAttributes(): Assignment[] {
    return this.all().filter((a) => CUSTOM_ATTRIBUTE.test(a.key));
  }

  /** `request_<name>` commands beyond the standard four: custom resources. */
  customResources(): Assignment[] {
    return this.all().filter(
      (a) =>
        /^request_\w+$/i.test(a.key) &&
        !STANDARD_REQUESTS.includes(a.key.toLowerCase()),
    );
  }

  /** Commands that neither a submit command nor a macro reference used. */
  unused(): Assignment[] {
    const unused = (a: Assignment) => !this.used.has(a.key.toLowerCase());

    return this.all().filter((a) => unused(a) && !CUSTOM_ATTRIBUTE.test(a.key));
  }

  private all(): Assignment[] {
    return [...this.assignments.values()];
  }

  private raw(name: string): string | undefined {
    const lower = name.toLowerCase();
    this.used.add(lower);

    return this.assignments.get(lower)?.value;
  }

  private lookup(name: string): string | undefined {
    const lower = name.toLowerCase();
    const live = Object.keys(this.live).find((k) => k.toLowerCase() === lower);

    return live === undefined ? this.raw(name) : this.live[live];
  }
}
