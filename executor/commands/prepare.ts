import { resolveImage } from '../job/image';
import { resolveResources } from '../job/resources';
import { stdoutCiLog } from '../log/ci-log';
import { formatDuration, toMiB } from '../settings/units';
import { ensureProxy } from '../credentials/renew';
import { handOverStateDir } from '../job/hand-over';
import { checkTools } from '../condor/check-tools';
import { openCall } from './open-call';

/**
 * prepare_exec: everything that can be checked before the first stage, so
 * that bad input fails fast: settings, the job's image and resources, the
 * HTCondor tools and the proxy (renewed when it would expire before the
 * job could end). Creates the job's private state dir, handed over to the
 * service group when the tools run as a service account.
 */
export async function prepareCommand(configFile: string): Promise<void> {
  const call = openCall(configFile, 'prepare');
  const { settings, job } = call;
  try {
    const image = resolveImage(settings, job);
    const resources = resolveResources(settings, job);
    checkTools(settings, process.env);
    const proxy = await ensureProxy(settings, resources.runtimeS);
    if (settings.htcondor.service_group) {
      handOverStateDir(call.stateDir, settings.htcondor.service_group);
    }

    const ci = stdoutCiLog();
    ci.line(`HTCondor executor: ${settings.workspace.mode} workspace, ${call.tools.describe()}`);
    ci.line(`image: ${image ?? '(none)'}`);
    if (!image && (job.image || job.variables.get('HTCONDOR_IMAGE'))) {
      ci.line('the job names an image, but this runner runs jobs without a container: it is ignored', 'warn');
    }
    ci.line(
      `resources per stage: ${resources.cpus} CPU, ${toMiB(resources.memoryBytes)} MiB memory, ` +
        `${toMiB(resources.diskBytes)} MiB disk, ${resources.gpus} GPU` +
        (resources.runtimeS ? `, ${formatDuration(resources.runtimeS)} run time` : ''),
    );
    if (proxy) {
      const renewed = proxy.renewed ? ' (renewed now)' : '';
      ci.line(`X509 proxy valid for ${formatDuration(proxy.remainingS)}${renewed}`);
    }
    call.log.info('prepared', { image, resources, stateDir: call.stateDir, proxy });
  } catch (error) {
    call.log.error('prepare failed', { message: withoutValues((error as Error).message) });
    throw error;
  } finally {
    await call.log.close();
  }
}

/**
 * A refusal quotes the pipeline's value for the CI log; the driver's log
 * keeps the reason without it.
 */
function withoutValues(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}
