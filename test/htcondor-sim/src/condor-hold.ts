import { runAction } from './actions/run-action';
import { runTool } from './tool-main';

runTool('condor_hold', (home, argv) => runAction(home, 'hold', argv));
