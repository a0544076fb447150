import { matches } from '../classad/evaluate';
import { ClassAdSyntaxError } from '../classad/lexer';
import { parseExpression } from '../classad/parser';
import type { JobAd } from '../state/job-ad';
import { type QueryArgs, type Target, UsageError } from './query-args';

function matchesTarget(ad: JobAd, t: Target): boolean {
  if ('owner' in t) return ad.Owner === t.owner;
  if (Number(ad.ClusterId) !== t.cluster) return false;

  return t.proc === undefined || Number(ad.ProcId) === t.proc;
}

/** Refuses, in condor_q's words, a constraint that does not parse. */
export function checkConstraints(constraints: string[]): void {
  for (const c of constraints) {
    try {
      parseExpression(c);
    } catch (err) {
      if (!(err instanceof ClassAdSyntaxError)) throw err;
      throw new UsageError(`Error: Parse error of: ${c}`);
    }
  }
}

/** Ads matching any target (all when none) and every constraint. */
export function selectAds(
  ads: JobAd[],
  q: Pick<QueryArgs, 'targets' | 'constraints'>,
): JobAd[] {
  checkConstraints(q.constraints);
  const targeted = (ad: JobAd) =>
    q.targets.length === 0 || q.targets.some((t) => matchesTarget(ad, t));

  return ads.filter(
    (ad) => targeted(ad) && q.constraints.every((c) => matches(c, ad)),
  );
}
