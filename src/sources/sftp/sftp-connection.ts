// The SSH connection options an `sftp` event's secrets describe, as Argo builds them: the address
// ("host:port") and the username from secrets, then a private key (sshKeySecret) or a password.
// With sshKeySecret Argo pins the server's host key to the public key written in the same secret
// (an authorized_keys line after the private key); Eventide does that when the line is there and
// otherwise, as Argo does for passwords, does not check the host key.
import type SftpClient from 'ssh2-sftp-client';
import type { SecretStore } from '../../secrets/secret-store.js';
import { ListenerConfigError } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { SftpPlan } from './sftp-config.js';

type ConnectConfig = SftpClient.ConnectOptions;

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/;
const PUBLIC_KEY_LINE = /^(?:ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9@.-]+)\s+([A-Za-z0-9+/=]+)/m;

/** host and port of "host:port", "[v6]:port" or a bare host (port 22). */
export function parseAddress(address: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(address) ?? /^([^:]+)(?::(\d+))?$/.exec(address);
  const port = m?.[2] === undefined ? 22 : Number(m[2]);
  if (!m || !m[1] || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new ListenerConfigError(`address: ${JSON.stringify(address)} is not host:port`);
  return { host: m[1], port };
}

function keyAuth(secret: string, field: string): Pick<ConnectConfig, 'privateKey' | 'hostVerifier'> {
  const key = PRIVATE_KEY.exec(secret)?.[0];
  if (!key) throw new ListenerConfigError(`${field}: the secret holds no PEM/OpenSSH private key`);
  const pinned = PUBLIC_KEY_LINE.exec(secret)?.[1];
  if (!pinned) return { privateKey: key };
  const expected = Buffer.from(pinned, 'base64');
  return { privateKey: key, hostVerifier: (hostKey: Buffer) => expected.equals(hostKey) };
}

export function connectConfig(plan: SftpPlan, secrets: SecretStore): ConnectConfig {
  const { host, port } = parseAddress(resolveSecret(secrets, plan.address, 'address').trim());
  const username = resolveSecret(secrets, plan.username, 'username').trim();
  const auth = plan.sshKeySecret
    ? keyAuth(resolveSecret(secrets, plan.sshKeySecret, 'sshKeySecret'), 'sshKeySecret')
    : { password: resolveSecret(secrets, plan.password!, 'password') };
  return { host, port, username, readyTimeout: 20_000, keepaliveInterval: 10_000, ...auth };
}
