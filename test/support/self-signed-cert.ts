// A throwaway key and self-signed certificate for loopback TLS in tests, made by the openssl
// binary (node:crypto can sign, but cannot issue certificates). The certificate is its own CA:
// a client trusts it by passing it as `ca`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCert {
  /** PEM private key */
  key: string;
  /** PEM certificate */
  cert: string;
}

export interface SelfSignedCertOptions {
  commonName?: string;
  /** subjectAltName entries (default IP:127.0.0.1); an empty list leaves the extension out */
  altNames?: string[];
  /** RSA 2048 (for consumers that need RSA signatures); default is a faster P-256 key */
  rsa?: boolean;
}

export function makeSelfSignedCert(o: SelfSignedCertOptions = {}): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const altNames = o.altNames ?? ['IP:127.0.0.1'];
  const keyArgs = o.rsa ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        ...keyArgs,
        '-nodes',
        '-subj',
        `/CN=${o.commonName ?? 'eventide.test'}`,
        ...(altNames.length > 0 ? ['-addext', `subjectAltName=${altNames.join(',')}`] : []),
        '-days',
        '1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
