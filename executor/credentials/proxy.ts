import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SystemFailure } from '../errors';
import type { Settings } from '../settings/types';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * The X509 proxy sent with every job must be readable and must outlive the
 * longest job it serves; an expired proxy is never submitted. The path is
 * never printed to the CI log.
 */
export function checkProxy(settings: Settings, runtimeS: number | undefined) {
  const path = settings.credentials.x509_proxy;
  if (!path) return undefined;

  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SystemFailure(`the X509 proxy configured in credentials.x509_proxy cannot be read (${code})`);
  }

  const remainingS = remainingLifetimeS(pem);
  if (remainingS <= 0) {
    throw new SystemFailure('the X509 proxy configured in credentials.x509_proxy has expired');
  }
  if (runtimeS && remainingS < runtimeS) {
    throw new SystemFailure(
      `the X509 proxy expires in ${Math.floor(remainingS / 60)} min, before the job's ` +
        `longest run time (${Math.ceil(runtimeS / 60)} min); renew it`,
    );
  }

  return { remainingS };
}

export function remainingLifetimeS(pem: string, now = Date.now()): number {
  const block = PEM_CERT.exec(pem)?.[0];
  if (!block) throw new SystemFailure('the X509 proxy holds no PEM certificate');

  let cert: X509Certificate;
  try {
    cert = new X509Certificate(block);
  } catch {
    throw new SystemFailure('the X509 proxy certificate cannot be parsed');
  }

  return Math.floor((Date.parse(cert.validTo) - now) / 1000);
}
