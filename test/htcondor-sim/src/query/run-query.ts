import { hostname } from 'node:os';
import type { JobAd } from '../state/job-ad';
import { type ToolResult, failed, ok } from '../tool-main';
import * as print from './print-ads';
import { formatHistoryTable, formatQueueTable } from './print-table';
import { type QueryArgs, UsageError, parseQueryArgs } from './query-args';
import { selectAds } from './select';

type Kind = 'queue' | 'history';

/** condor_q and condor_history differ only in where the ads come from. */
export function runQuery(
  kind: Kind,
  argv: string[],
  source: () => JobAd[],
): ToolResult {
  let q: QueryArgs;
  let ads: JobAd[];
  try {
    q = parseQueryArgs(argv);
    ads = selectAds(source(), q);
  } catch (err) {
    if (err instanceof UsageError) return failed(`${err.message}\n`);
    throw err;
  }
  if (kind === 'history' && q.forwards) ads.reverse();
  if (q.limit !== undefined && q.limit >= 0) ads = ads.slice(0, q.limit);

  return ok(render(kind, q, ads));
}

function render(kind: Kind, q: QueryArgs, ads: JobAd[]): string {
  const projected = () => ads.map((ad) => print.project(ad, q.attributes));
  switch (q.format) {
    case 'json':
      return print.formatJson(projected());
    case 'long':
      return print.formatLong(projected());
    case 'af': {
      const { attrs, qualifiers } = q.autoformat;
      return print.formatAutoformat(ads, attrs, qualifiers);
    }
    default:
      return kind === 'queue'
        ? formatQueueTable(ads, q.name ?? hostname())
        : formatHistoryTable(ads);
  }
}
