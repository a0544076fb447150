import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { JobAd } from '../state/job-ad';
import type { AdStep } from './build-context';
import { SubmitError } from './lines';
import { parseBool } from './units';

/** O_WRONLY|O_CREAT|O_TRUNC, as condor_submit reports it for outputs. */
const WRITE_FLAGS = '01101';

const refuse = (line: string) => new SubmitError([`ERROR: ${line}`]);

function cantOpen(path: string, flags: string): SubmitError {
  return refuse(
    `Can't open "${path}"  with flags ${flags} (No such file or directory)`,
  );
}

export const setIwd: AdStep = (hash, ad, ctx) => {
  const iwd = resolve(ctx.submitCwd, hash.get('initialdir') ?? '.');
  if (!existsSync(iwd) || !statSync(iwd).isDirectory()) {
    throw refuse(`No such directory: ${iwd}`);
  }
  ad.Iwd = iwd;
};

function inIwd(ad: JobAd, path: string): string {
  return isAbsolute(path) ? path : resolve(String(ad.Iwd), path);
}

/** Unlike other files, the executable is relative to the submit directory. */
export const setExecutable: AdStep = (hash, ad, ctx) => {
  const exe = hash.get('executable')?.trim();
  if (!exe) throw refuse("No 'executable' parameter was provided");
  const transfer = parseBool(hash.get('transfer_executable'), true);
  const cmd = resolve(ctx.submitCwd, exe);
  if (transfer && !existsSync(cmd)) {
    throw refuse(`Executable file ${cmd} does not exist`);
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
  const log = hash.get('log')?.trim();
  if (log) ad.UserLog = checkLog(inIwd(ad, log));
};

function stdioPath(ad: JobAd, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '/dev/null';
  const path = inIwd(ad, value.trim());
  if (!existsSync(dirname(path))) throw cantOpen(path, WRITE_FLAGS);

  return path;
}

function checkLog(path: string): string {
  if (!existsSync(dirname(path))) {
    throw refuse(`Invalid log file: "${path}" (No such file or directory)`);
  }

  return path;
}

/** An upper-case choice among `allowed`, or a refusal naming the command. */
function choice(value: string, command: string, allowed: string[]): string {
  const upper = value.trim().toUpperCase();
  if (!allowed.includes(upper)) {
    throw refuse(`${command} contains an invalid value: ${upper}`);
  }

  return upper;
}

export const setTransfer: AdStep = (hash, ad) => {
  const should = choice(
    hash.get('should_transfer_files') ?? 'IF_NEEDED',
    'should_transfer_files',
    ['YES', 'NO', 'IF_NEEDED'],
  );
  const when = choice(
    hash.get('when_to_transfer_output') ?? 'ON_EXIT',
    'when_to_transfer_output',
    ['ON_EXIT', 'ON_EXIT_OR_EVICT', 'ON_SUCCESS'],
  );
  ad.ShouldTransferFiles = should;
  if (should !== 'NO') ad.WhenToTransferOutput = when;
  ad.TransferIn = false;
  setInputList(hash.get('transfer_input_files'), ad);
  const output = hash.get('transfer_output_files');
  if (output !== undefined) {
    ad.TransferOutput = splitFileList(output.replace(/^""$/, '')).join(',');
  }
  const remaps = hash.get('transfer_output_remaps');
  if (remaps !== undefined) {
    ad.TransferOutputRemaps = remaps.replace(/^"(.*)"$/s, '$1');
  }
};

/** Inputs must exist at submit time, as condor_submit checks them. */
function setInputList(input: string | undefined, ad: JobAd): void {
  if (input === undefined || input.trim() === '') return;
  const items = splitFileList(input);
  for (const item of items.filter((i) => !i.includes('://'))) {
    const path = inIwd(ad, item.replace(/\/+$/, '') || '/');
    if (!existsSync(path)) throw cantOpen(path, '00');
  }
  ad.TransferInput = items.join(',');
}

/** Comma-separated file lists; blanks around names are dropped. */
export function splitFileList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
