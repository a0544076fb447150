import { X509Certificate } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArguments } from './arguments';
import type { AdStep } from './build-context';
import * as environment from './environment';
import { SubmitError } from './lines';
import { parseBool } from './units';

export const setIdentity: AdStep = (hash, ad, ctx) => {
  ad.Owner = ctx.owner;
  ad.User = `${ctx.owner}@${ctx.apHost}`;
  ad.GlobalJobId = `${ctx.apHost}#${ctx.cluster}.${ctx.proc}#${ctx.qdate}`;
  const batch = (ctx.batchName ?? hash.get('batch_name'))?.trim();
  if (batch) ad.JobBatchName = batch.replace(/^"(.*)"$/, '$1');
  const group = hash.get('accounting_group')?.trim();
  const groupUser = hash.get('accounting_group_user')?.trim();
  if (group) ad.AcctGroup = group;
  if (groupUser) ad.AcctGroupUser = groupUser;
  if (group) ad.AccountingGroup = `${group}.${groupUser || ctx.owner}`;
  const notifyUser = hash.get('notify_user');
  if (notifyUser !== undefined) ad.NotifyUser = notifyUser;
};

export const setProgramArgs: AdStep = (hash, ad, ctx) => {
  const args = hash.getAny('arguments', 'args')?.trim();
  if (args) {
    const parsed = parseArguments(args);
    ad[parsed.attr] = parsed.value;
  }
  const getenv = hash.get('getenv');
  const env =
    getenv === undefined ? {} : environment.selectGetenv(getenv, ctx.env);
  const given = hash.getAny('environment', 'env')?.trim();
  if (given) Object.assign(env, environment.parseEnvironment(given));
  ad.Environment = environment.formatEnvironment(env);
};

/** x509userproxy must name a readable, unexpired proxy (submit_utils.cpp). */
export const setProxy: AdStep = (hash, ad, ctx) => {
  let proxy = hash.get('x509userproxy')?.trim();
  if (!proxy && parseBool(hash.get('use_x509userproxy'), false)) {
    proxy = defaultProxy(ctx.env);
    if (!proxy) {
      throw new SubmitError([
        "ERROR: Can't determine proxy filename",
        'X509 user proxy is required for this job.',
      ]);
    }
  }
  if (!proxy) return;
  const path = isAbsolute(proxy) ? proxy : resolve(String(ad.Iwd), proxy);
  checkProxy(path);
  ad.X509UserProxy = path;
};

function defaultProxy(env: NodeJS.ProcessEnv): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const candidate = env.X509_USER_PROXY || `/tmp/x509up_u${uid}`;

  return existsSync(candidate) ? candidate : undefined;
}

function checkProxy(path: string): void {
  try {
    accessSync(path, constants.R_OK);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const why = missing
      ? '(errno 2) No such file or directory'
      : '(errno 13) Permission denied';
    throw new SubmitError([`ERROR: Failed to read proxy file ${path}: ${why}`]);
  }
  const notAfter = proxyExpiry(readFileSync(path, 'utf8'));
  if (notAfter !== undefined && notAfter < Date.now()) {
    throw new SubmitError(['ERROR: proxy has expired']);
  }
}

const CERTIFICATE =
  /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** The first certificate's end of validity, when the file holds one. */
function proxyExpiry(pem: string): number | undefined {
  const block = CERTIFICATE.exec(pem);
  if (!block) return undefined;
  try {
    return Date.parse(new X509Certificate(block[0]).validTo);
  } catch {
    return undefined;
  }
}
