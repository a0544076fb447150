import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A proxy-like PEM file (certificate, then key) valid from `fromS` to
 * `untilS` seconds from now, made with openssl in a temp dir of its own.
 */
export function makeProxy(file: string, fromS: number, untilS: number): string {
  const dir = mkdtempSync(`${file}.ca-`);
  try {
    const cnf = join(dir, 'ca.cnf');
    writeFileSync(cnf, caConfig(dir));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
    openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'req.csr'), '-subj', '/CN=proxy-test');
    openssl('ca', '-batch', '-config', cnf, '-selfsign', '-notext',
      '-keyfile', join(dir, 'key.pem'), '-in', join(dir, 'req.csr'), '-out', join(dir, 'cert.pem'),
      '-startdate', stamp(fromS), '-enddate', stamp(untilS));
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    const pem = read('cert.pem') + read('key.pem');
    writeFileSync(file, pem, { mode: 0o600 });
    chmodSync(file, 0o600);
    return pem;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** openssl's GeneralizedTime, whole seconds, UTC. */
function stamp(offsetS: number): string {
  const iso = new Date(Date.now() + offsetS * 1000).toISOString();
  return `${iso.slice(0, 19).replace(/[-:T]/g, '')}Z`;
}

function caConfig(dir: string): string {
  return [
    '[ ca ]',
    'default_ca = own',
    '[ own ]',
    `database = ${dir}/index.txt`,
    `new_certs_dir = ${dir}`,
    `serial = ${dir}/serial`,
    'default_md = sha256',
    'policy = any',
    'unique_subject = no',
    '[ any ]',
    'commonName = supplied',
    '',
  ].join('\n');
}

/**
 * A renewal command for tests: counts its runs in `count`, takes a
 * moment, then puts `fresh` in place of the proxy as a whole.
 */
export function writeRenewScript(
  dir: string,
  proxy: string,
  fresh: string,
  sleepS = 0.3,
): string {
  const script = join(dir, 'renew-proxy');
  const count = join(dir, 'renewals');
  writeFileSync(
    script,
    [
      '#!/bin/bash',
      `echo "$$" >> '${count}'`,
      `sleep ${sleepS}`,
      `cp '${fresh}' '${proxy}.new' && chmod 600 '${proxy}.new' && mv '${proxy}.new' '${proxy}'`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return script;
}

export function renewalsIn(dir: string): number {
  try {
    return readFileSync(join(dir, 'renewals'), 'utf8').trim().split('\n').length;
  } catch {
    return 0;
  }
}
