import { expandMacros } from './macros';

export interface Assignment {
  key: string;
  value: string;
  line: number;
}

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

  has(name: string): boolean {
    return this.assignments.has(name.toLowerCase());
  }

  expand(text: string): string {
    return expandMacros(text, (name) => this.lookup(name), this.env);
  }

  /** `MY.Attr` and `+Attr` commands, in file order, values unexpanded. */
  customAttributes(): Assignment[] {
    return [...this.assignments.values()].filter((a) => /^(\+|my\.)/i.test(a.key));
  }

  /** `request_<name>` commands beyond the standard four: custom resources. */
  customResources(): Assignment[] {
    const standard = ['request_cpus', 'request_memory', 'request_disk', 'request_gpus'];

    return [...this.assignments.values()].filter(
      (a) => /^request_\w+$/i.test(a.key) && !standard.includes(a.key.toLowerCase()),
    );
  }

  /** Commands that neither a submit command nor a macro reference used. */
  unused(): Assignment[] {
    return [...this.assignments.values()].filter(
      (a) => !this.used.has(a.key.toLowerCase()) && !/^(\+|my\.)/i.test(a.key),
    );
  }

  private raw(name: string): string | undefined {
    const lower = name.toLowerCase();
    this.used.add(lower);

    return this.assignments.get(lower)?.value;
  }

  private lookup(name: string): string | undefined {
    const lower = name.toLowerCase();
    const live = Object.entries(this.live).find(([k]) => k.toLowerCase() === lower);
    if (live) return live[1];

    return this.raw(name);
  }
}
