import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { JobAd } from '../state/job-ad';
import type { AdStep } from './build-context';
import { SubmitError } from './lines';
import { parseBool } from './units';

/** O_WRONLY|O_CREAT|O_TRUNC, as condor_submit reports it for outputs. */
const WRITE_FLAGS = '01101';

function cantOpen(path: string, flags: string): SubmitError {
  return new SubmitError([`ERROR: Can't open "${path}"  with flags ${flags} (No such file or directory)`]);
}

export const setIwd: AdStep = (hash, ad, ctx) => {
  const iwd = resolve(ctx.submitCwd, hash.get('initialdir') ?? '.');
  if (!existsSync(iwd) || !statSync(iwd).isDirectory()) {
    throw new SubmitError([`ERROR: No such directory: ${iwd}`]);
  }
  ad.Iwd = iwd;
};

function inIwd(ad: JobAd, path: string): string {
  return isAbsolute(path) ? path : resolve(String(ad.Iwd), path);
}

export const setExecutable: AdStep = (hash, ad) => {
  const exe = hash.get('executable');
  if (exe === undefined || exe.trim() === '') {
    throw new SubmitError(["ERROR: No 'executable' parameter was provided"]);
  }
  const transfer = parseBool(hash.get('transfer_executable'), true);
  const cmd = inIwd(ad, exe.trim());
  if (transfer && !existsSync(cmd)) {
    throw new SubmitError([`ERROR: Executable file ${cmd} does not exist`]);
  }
  ad.Cmd = cmd;
  ad.TransferExecutable = transfer;
};

export const setStdio: AdStep = (hash, ad) => {
  ad.In = '/dev/null';
  ad.Out = stdioPath(ad, hash.get('output'));
  ad.Err = stdioPath(ad, hash.get('error'));
  ad.StreamOut = parseBool(hash.get('stream_output'), false);
  ad.StreamErr = parseBool(hash.get('stream_error'), false);
  ad.TransferOut = parseBool(hash.get('transfer_output'), true);
  ad.TransferErr = parseBool(hash.get('transfer_error'), true);
  const log = hash.get('log');
  if (log !== undefined && log.trim() !== '') ad.UserLog = checkLog(inIwd(ad, log.trim()));
};

function stdioPath(ad: JobAd, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '/dev/null';
  const path = inIwd(ad, value.trim());
  if (!existsSync(dirname(path))) throw cantOpen(path, WRITE_FLAGS);

  return path;
}

function checkLog(path: string): string {
  if (!existsSync(dirname(path))) {
    throw new SubmitError([`ERROR: Invalid log file: "${path}" (No such file or directory)`]);
  }

  return path;
}

const TRANSFER_MODES = ['YES', 'NO', 'IF_NEEDED'];
const WHEN_MODES = ['ON_EXIT', 'ON_EXIT_OR_EVICT', 'ON_SUCCESS'];

export const setTransfer: AdStep = (hash, ad) => {
  const should = (hash.get('should_transfer_files') ?? 'IF_NEEDED').trim().toUpperCase();
  if (!TRANSFER_MODES.includes(should)) {
    throw new SubmitError([`ERROR: should_transfer_files contains an invalid value: ${should}`]);
  }
  ad.ShouldTransferFiles = should;
  const when = (hash.get('when_to_transfer_output') ?? 'ON_EXIT').trim().toUpperCase();
  if (!WHEN_MODES.includes(when)) {
    throw new SubmitError([`ERROR: when_to_transfer_output contains an invalid value: ${when}`]);
  }
  if (should !== 'NO') ad.WhenToTransferOutput = when;
  ad.TransferIn = false;
  setTransferLists(hash.get('transfer_input_files'), hash.get('transfer_output_files'), ad);
  const remaps = hash.get('transfer_output_remaps');
  if (remaps !== undefined) ad.TransferOutputRemaps = remaps.replace(/^"(.*)"$/s, '$1');
};

function setTransferLists(input: string | undefined, output: string | undefined, ad: JobAd): void {
  if (input !== undefined && input.trim() !== '') {
    const items = splitFileList(input);
    items.filter((i) => !i.includes('://')).forEach((i) => {
      const path = inIwd(ad, i.replace(/\/+$/, '') || '/');
      if (!existsSync(path)) throw cantOpen(path, '00');
    });
    ad.TransferInput = items.join(',');
  }
  if (output !== undefined) ad.TransferOutput = splitFileList(output.replace(/^""$/, '')).join(',');
}

/** Comma-separated file lists; blanks around names are dropped. */
export function splitFileList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
