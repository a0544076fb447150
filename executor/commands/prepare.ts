import { resolveImage } from '../job/image';
import { resolveResources } from '../job/resources';
import { stdoutCiLog } from '../log/ci-log';
import { formatDuration, toMiB } from '../settings/units';
import { checkProxy } from '../credentials/proxy';
import { checkTools } from '../condor/check-tools';
import { openCall } from './open-call';

/**
 * prepare_exec: everything that can be checked before the first stage, so
 * that bad input fails fast: settings, the job's image and resources, the
 * HTCondor tools and the proxy. Creates the job's private state dir.
 */
export async function prepareCommand(configFile: string): Promise<void> {
  const call = openCall(configFile, 'prepare');
  const { settings, job } = call;
  try {
    const image = resolveImage(settings, job);
    const resources = resolveResources(settings, job);
    checkTools(settings, process.env);
    const proxy = checkProxy(settings, resources.runtimeS);

    const ci = stdoutCiLog();
    ci.line(`HTCondor executor: ${settings.workspace.mode} workspace, ${call.tools.describe()}`);
    ci.line(`image: ${image ?? '(none)'}`);
    ci.line(
      `resources per stage: ${resources.cpus} CPU, ${toMiB(resources.memoryBytes)} MiB memory, ` +
        `${toMiB(resources.diskBytes)} MiB disk, ${resources.gpus} GPU` +
        (resources.runtimeS ? `, ${formatDuration(resources.runtimeS)} run time` : ''),
    );
    if (proxy) ci.line(`X509 proxy valid for ${formatDuration(proxy.remainingS)}`);
    call.log.info('prepared', { image, resources, stateDir: call.stateDir });
  } catch (error) {
    call.log.error('prepare failed', { message: (error as Error).message });
    throw error;
  } finally {
    await call.log.close();
  }
}
