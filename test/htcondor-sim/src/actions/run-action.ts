import type { JobAd } from '../state/job-ad';
import { listQueueAds } from '../state/queue-store';
import { type ToolResult, failed, lines } from '../tool-main';
import { type QueryArgs, type Target, UsageError, parseQueryArgs } from '../query/query-args';
import { selectAds } from '../query/select';
import { type ActionKind, markJob } from './mark-job';

const DONE: Record<ActionKind, string> = { remove: 'marked for removal', hold: 'held', release: 'released' };
const PLURAL_DONE: Record<ActionKind, string> = { remove: 'have been marked for removal', hold: 'have been held', release: 'have been released' };
const VERB: Record<ActionKind, string> = { remove: 'remove', hold: 'hold', release: 'release' };

interface Selection {
  ads: JobAd[];
  done: string;
  notFound: string;
}

/** condor_rm, condor_hold and condor_release: select, mark, report per selector. */
export function runAction(home: string, kind: ActionKind, argv: string[]): ToolResult {
  let selections: Selection[];
  try {
    selections = selectionsOf(parseQueryArgs(argv), listQueueAds(home), kind);
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

  return { stdout: lines(out), stderr: lines(errors), exitCode: errors.length > 0 ? 1 : 0 };
}

function selectionsOf(q: QueryArgs, queue: JobAd[], kind: ActionKind): Selection[] {
  const selections = q.targets.map((t) => targetSelection(t, queue, kind));
  for (const c of q.constraints) {
    selections.push({
      ads: selectAds(queue, { targets: [], constraints: [c] }),
      done: `All jobs matching constraint (${c}) ${PLURAL_DONE[kind]}`,
      notFound: `Couldn't find/${VERB[kind]} all jobs matching constraint (${c})`,
    });
  }
  if (q.all) selections.push({ ads: queue, done: `All jobs ${PLURAL_DONE[kind]}`, notFound: `Couldn't find/${VERB[kind]} all jobs` });
  if (selections.length === 0) throw new UsageError(`Usage: condor_${VERB[kind] === 'remove' ? 'rm' : VERB[kind]} [options] [cluster | cluster.proc | user | -constraint expr | -all]`);

  return selections;
}

function targetSelection(t: Target, queue: JobAd[], kind: ActionKind): Selection {
  const ads = selectAds(queue, { targets: [t], constraints: [] });
  if ('owner' in t) {
    return { ads, done: `All jobs of user "${t.owner}" ${PLURAL_DONE[kind]}`, notFound: `Couldn't find/${VERB[kind]} all of user ${t.owner}'s job(s)` };
  }
  if (t.proc === undefined) {
    return { ads, done: `All jobs in cluster ${t.cluster} ${PLURAL_DONE[kind]}`, notFound: `Couldn't find/${VERB[kind]} all jobs in cluster ${t.cluster}` };
  }
  const id = `${t.cluster}.${t.proc}`;

  return { ads, done: `Job ${id} ${DONE[kind]}`, notFound: `Job ${id} not found` };
}
