/** The runner the harness pretends to be. */

export const RUNNER_VERSION = '19.3.0';
export const RUNNER_REVISION = '9cbf0074';
export const RUNNER_TOKEN = 'hArN3sSrUnNeRt0kEn42';
/** gitlab-runner shows the first 8 characters of its token. */
export const RUNNER_SHORT_TOKEN = RUNNER_TOKEN.slice(0, 8);

/** Resolved feature flags the generated scripts depend on. */
export const FEATURE_FLAGS: Record<string, boolean> = {
  FF_USE_LEGACY_BASH_EVAL: false,
  FF_ENABLE_BASH_EXIT_CODE_CHECK: false,
  FF_SCRIPT_SECTIONS: false,
  FF_POSIXLY_CORRECT_ESCAPES: false,
  FF_ENABLE_JOB_CLEANUP: false,
  FF_GIT_URLS_WITHOUT_TOKENS: false,
  FF_TIMESTAMPS: false,
};

export function runnerArch(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return `${process.platform}/${arch}`;
}
