import { runQuery } from './query/run-query';
import { listQueueAds } from './state/queue-store';
import { runTool } from './tool-main';

runTool('condor_q', (home, argv) =>
  runQuery('queue', argv, () => listQueueAds(home)),
);
