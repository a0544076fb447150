import { matches } from '../classad/evaluate';
import { ClassAdSyntaxError } from '../classad/lexer';
import { parseExpression } from '../classad/parser';
import type { JobAd } from '../state/job-ad';
import { type QueryArgs, type Target, UsageError } from './query-args';

function matchesTarget(ad: JobAd, t: Target): boolean {
  if ('owner' in t) return ad.Owner === t.owner;

  return Number(ad.ClusterId) === t.cluster && (t.proc === undefined || Number(ad.ProcId) === t.proc);
}

/** Throws UsageError with condor_q's wording when a constraint does not parse. */
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
export function selectAds(ads: JobAd[], q: Pick<QueryArgs, 'targets' | 'constraints'>): JobAd[] {
  checkConstraints(q.constraints);

  return ads.filter(
    (ad) =>
      (q.targets.length === 0 || q.targets.some((t) => matchesTarget(ad, t))) &&
      q.constraints.every((c) => matches(c, ad)),
  );
}
