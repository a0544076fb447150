import type { JobAd } from '../state/job-ad';
import { listQueueAds } from '../state/queue-store';
import { type ToolResult, failed, lines } from '../tool-main';
import {
  type QueryArgs,
  type Target,
  UsageError,
  parseQueryArgs,
} from '../query/query-args';
import { selectAds } from '../query/select';
import { type ActionKind, markJob } from './mark-job';

const DONE: Record<ActionKind, string> = {
  remove: 'marked for removal',
  hold: 'held',
  release: 'released',
};
const TOOL: Record<ActionKind, string> = {
  remove: 'condor_rm',
  hold: 'condor_hold',
  release: 'condor_release',
};

interface Selection {
  ads: JobAd[];
  done: string;
  notFound: string;
}

/** condor_rm, condor_hold, condor_release: select, mark, report each. */
export function runAction(
  home: string,
  kind: ActionKind,
  argv: string[],
): ToolResult {
  let selections: Selection[];
  try {
    const q = parseQueryArgs(argv);
    selections = selectionsOf(q, listQueueAds(home), kind);
  } catch (err) {
    if (err instanceof UsageError) return failed(`${err.message}\n`);
    throw err;
  }
  const out: string[] = [];
  const errors: string[] = [];
  for (const s of selections) {
    const marked = s.ads.filter((ad) => markJob(home, ad, kind)).length;
    if (marked > 0) out.push(s.done);
    else errors.push(s.notFound);
  }
  const exitCode = errors.length > 0 ? 1 : 0;

  return { stdout: lines(out), stderr: lines(errors), exitCode };
}

/** "All jobs in cluster 5 have been ..." / "Couldn't find/remove all ..." */
function many(kind: ActionKind, ads: JobAd[], subject: string): Selection {
  const what = subject.replace(/^All jobs/, 'all jobs');

  return {
    ads,
    done: `${subject} have been ${DONE[kind]}`,
    notFound: `Couldn't find/${kind} ${what}`,
  };
}

function selectionsOf(
  q: QueryArgs,
  queue: JobAd[],
  kind: ActionKind,
): Selection[] {
  const selections = q.targets.map((t) => targetSelection(t, queue, kind));
  for (const c of q.constraints) {
    const ads = selectAds(queue, { targets: [], constraints: [c] });
    selections.push(many(kind, ads, `All jobs matching constraint (${c})`));
  }
  if (q.all) selections.push(many(kind, queue, 'All jobs'));
  if (selections.length === 0) {
    throw new UsageError(
      `Usage: ${TOOL[kind]} [options] ` +
        '[cluster | cluster.proc | user | -constraint expr | -all]',
    );
  }

  return selections;
}

function targetSelection(
  t: Target,
  queue: JobAd[],
  kind: ActionKind,
): Selection {
  const ads = selectAds(queue, { targets: [t], constraints: [] });
  if ('owner' in t) {
    const s = many(kind, ads, `All jobs of user "${t.owner}"`);
    const notFound = `Couldn't find/${kind} all of user ${t.owner}'s job(s)`;
    return { ...s, notFound };
  }
  if (t.proc === undefined) {
    return many(kind, ads, `All jobs in cluster ${t.cluster}`);
  }
  const id = `${t.cluster}.${t.proc}`;

  const done = `Job ${id} ${DONE[kind]}`;

  return { ads, done, notFound: `Job ${id} not found` };
}
