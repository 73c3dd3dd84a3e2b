// `source.git`: one file of a Git repository at a branch, tag or ref, fetched with the `git`
// command (shallow, one ref). Credentials reach git through its environment — an HTTP header
// via GIT_CONFIG_*, an SSH key file via GIT_SSH_COMMAND — never the command line or the URL.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretKeySelector } from '../../src/vocabulary/manifest-types.js';
import type { SecretStore } from '../../src/secrets/secret-store.js';
import { ArtifactError } from './artifact-error.js';
import { githubInstallationToken } from './github-app-token.js';

export interface GitArtifact {
  url?: string;
  cloneDirectory?: string;
  creds?: { username?: SecretKeySelector; password?: SecretKeySelector };
  sshKeySecret?: SecretKeySelector;
  filePath?: string;
  branch?: string;
  tag?: string;
  ref?: string;
  remote?: { name?: string; urls?: string[] };
  insecureIgnoreHostKey?: boolean;
  githubApp?: { privateKey?: SecretKeySelector; appID?: number | string; installationID?: number | string };
}

const GIT_TIMEOUT_MS = 120_000;
/** Argo refuses these in filePath and cloneDirectory (path traversal). */
const NOT_ALLOWED_IN_PATH = ['..', '~', '\\'];

function run(what: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { env, timeout: GIT_TIMEOUT_MS, maxBuffer: 1 << 20 }, (err, _out, stderr) => {
      if (!err) return resolve();
      const why = String(stderr).trim().split('\n').slice(-2).join(' ') || err.message;
      reject(new ArtifactError(`git ${what} failed: ${why}`, true));
    });
  });
}

function basicAuthEnv(user: string, password: string): NodeJS.ProcessEnv {
  const header = `Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: header };
}

function secret(secrets: SecretStore, ref: SecretKeySelector | undefined, field: string): string {
  if (!ref) throw new ArtifactError(`source.git.${field} is required`, false);
  try {
    return secrets.get(ref);
  } catch (e) {
    throw new ArtifactError(`source.git.${field}: ${(e as Error).message}`, false);
  }
}

/** Environment entries that authenticate git; `scratch` holds an SSH key file when needed. */
async function authEnv(a: GitArtifact, secrets: SecretStore, scratch: string): Promise<NodeJS.ProcessEnv> {
  if (a.creds) {
    const user = a.creds.username ? secret(secrets, a.creds.username, 'creds.username') : '';
    const pass = a.creds.password ? secret(secrets, a.creds.password, 'creds.password') : '';
    return basicAuthEnv(user, pass);
  }
  if (a.githubApp) {
    const key = secret(secrets, a.githubApp.privateKey, 'githubApp.privateKey');
    if (a.githubApp.appID === undefined || a.githubApp.installationID === undefined)
      throw new ArtifactError('source.git.githubApp needs appID and installationID', false);
    const token = await githubInstallationToken(a.githubApp.appID, a.githubApp.installationID, key);
    return basicAuthEnv('x-access-token', token);
  }
  if (a.sshKeySecret) {
    const keyFile = join(scratch, 'ssh-key');
    const key = secret(secrets, a.sshKeySecret, 'sshKeySecret');
    await writeFile(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
    const hostKey = a.insecureIgnoreHostKey
      ? ' -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'
      : '';
    return { GIT_SSH_COMMAND: `ssh -i '${keyFile}' -o IdentitiesOnly=yes -o BatchMode=yes${hostKey}` };
  }
  return {};
}

/** The ref to fetch: ref, else tags/<tag>, else heads/<branch>, else the remote's default branch. */
function gitRefspec(a: GitArtifact): string {
  if (a.ref) return a.ref;
  if (a.tag) return `refs/tags/${a.tag}`;
  if (a.branch) return `refs/heads/${a.branch}`;
  return 'HEAD';
}

export async function readGitArtifact(a: GitArtifact, secrets: SecretStore): Promise<string> {
  if (!a.url) throw new ArtifactError('source.git.url is required', false);
  if (!a.filePath) throw new ArtifactError('source.git.filePath is required', false);
  for (const bad of NOT_ALLOWED_IN_PATH) {
    if (a.filePath.includes(bad))
      throw new ArtifactError(`${JSON.stringify(bad)} is not allowed in source.git.filePath`, false);
    if (a.cloneDirectory?.includes(bad))
      throw new ArtifactError(`${JSON.stringify(bad)} is not allowed in source.git.cloneDirectory`, false);
  }
  const scratch = await mkdtemp(join(tmpdir(), 'eventide-git-'));
  try {
    const dir = a.cloneDirectory || join(scratch, 'repo');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      ...(await authEnv(a, secrets, scratch)),
    };
    if (!existsSync(join(dir, '.git'))) {
      await mkdir(dir, { recursive: true });
      await run('init', ['init', '-q', dir], env);
    }
    const from = a.remote?.urls?.[0] || a.url;
    await run('fetch', ['-C', dir, 'fetch', '-q', '--depth', '1', '--force', from, gitRefspec(a)], env);
    await run('checkout', ['-C', dir, 'checkout', '-q', '--force', '--detach', 'FETCH_HEAD'], env);
    const file = join(dir, a.filePath);
    const info = await lstat(file).catch(() => undefined);
    if (!info) throw new ArtifactError(`${a.filePath} does not exist in ${a.url} at ${gitRefspec(a)}`, false);
    if (info.isSymbolicLink())
      throw new ArtifactError(`${a.filePath} is a symbolic link, which is not allowed`, false);
    return await readFile(file, 'utf8');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
