import { launchDaemon } from './daemon/launch';
import { recordDaemonPid } from './state/clusters';
import { parseSubmitArgs } from './submit/cli-args';
import { SubmitError } from './submit/lines';
import { formatSubmitted, submitJobs } from './submit/submit-job';
import { failed, lines, ok, runTool } from './tool-main';

runTool('condor_submit', (home, argv) => {
  try {
    const args = parseSubmitArgs(argv);
    const outcome = submitJobs(home, args, process.cwd(), process.env);
    const pid = launchDaemon(home, outcome.cluster, process.env);
    recordDaemonPid(home, outcome.cluster, pid);

    return ok(formatSubmitted(outcome, args.terse), lines(outcome.warnings));
  } catch (err) {
    if (err instanceof SubmitError) return failed(lines(err.lines));
    throw err;
  }
});
