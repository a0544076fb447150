/** Rejects job specs the harness cannot run faithfully, with a clear reason. */
import { JobSpec } from '../types';

export function validateJobSpec(spec: JobSpec): void {
  const problems: string[] = [];
  if (!spec.name) {
    problems.push('name must be a non-empty string');
  }
  if (!Array.isArray(spec.script) || spec.script.length === 0) {
    problems.push('script must be a non-empty list of commands');
  }
  if (!spec.repoUrl) {
    problems.push('repoUrl must name a local git repository');
  }
  const cachePaths = (spec.cache ?? []).flatMap((c) => c.paths);
  for (const path of [...(spec.artifacts?.paths ?? []), ...cachePaths]) {
    if (path.startsWith('/') || path.split('/').includes('..')) {
      problems.push(`path ${path} must stay inside the project dir`);
    }
  }
  for (const variable of spec.variables ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.key)) {
      const name = JSON.stringify(variable.key);
      problems.push(`variable name ${name} is not valid`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`job ${spec.name || '?'}: ${problems.join('; ')}`);
  }
}
