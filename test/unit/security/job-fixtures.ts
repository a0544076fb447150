import type { JobContext } from '../../../executor/job/context';
import { defaultSettings } from '../../../executor/settings/defaults';
import type { Settings } from '../../../executor/settings/types';

/** A CI job as gitlab-runner describes it, with the given CI variables. */
export function jobWith(
  variables: Record<string, string> = {},
  extra: Partial<JobContext> = {},
): JobContext {
  return {
    jobId: '4242',
    pipelineId: '77',
    projectPath: 'group/project',
    jobName: 'build',
    projectDir: '/tmp/builds/t0k3n/0/group/project',
    runnerToken: 't0k3n',
    timeoutS: 3600,
    image: undefined,
    debug: false,
    runnerTmp: '/tmp/custom-executor1',
    variables: new Map(Object.entries(variables)),
    ...extra,
  };
}

/** Default settings with some keys of some sections replaced. */
export function settingsWith(edit: (s: Settings) => void = () => undefined): Settings {
  const s = defaultSettings();
  edit(s);
  return s;
}
