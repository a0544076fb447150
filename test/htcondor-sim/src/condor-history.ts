import { runQuery } from './query/run-query';
import { listHistoryAds } from './state/queue-store';
import { runTool } from './tool-main';

runTool('condor_history', (home, argv) =>
  runQuery('history', argv, () => listHistoryAds(home)),
);
