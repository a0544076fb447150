import { runAction } from './actions/run-action';
import { runTool } from './tool-main';

runTool('condor_release', (home, argv) => runAction(home, 'release', argv));
