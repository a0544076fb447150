import { runAction } from './actions/run-action';
import { runTool } from './tool-main';

runTool('condor_rm', (home, argv) => runAction(home, 'remove', argv));
