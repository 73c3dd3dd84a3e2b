// Trigger sources other than an inline resource: inline text, file, url and git are fetched on
// each fire and the trigger's parameters applied to what they hold. The configmap source, and a
// fetched resource created once per fire, run against a real kube-apiserver in
// test/integration/triggers-k8s-operations.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { triggerResource } from '../../../activities/artifacts/trigger-resource.js';
import { DEP, failureOf, fireFor, requestFor } from './trigger-fixtures.js';

const WORKFLOW_YAML = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: message
        value: from the file
`;

const param = {
  src: { dependencyName: DEP, dataKey: 'body.msg' },
  dest: 'spec.arguments.parameters.0.value',
};

function trigger(source: Record<string, unknown>, parameters: unknown[] = [param]) {
  return { template: { name: 't', k8s: { operation: 'create', source, parameters } } };
}

/** The resolved resource; with `withParameters`, body.msg of the event goes into the first argument. */
async function resolve(source: Record<string, unknown>, withParameters = true) {
  const data = { body: { msg: 'from the event' } };
  const req = requestFor(fireFor(trigger(source, withParameters ? [param] : []), data), {
    secrets: { EVENTIDE_SECRET_GIT_USERNAME: 'u', EVENTIDE_SECRET_GIT_PASSWORD: 'p' },
  });
  return triggerResource(req, req.fire.template.k8s as never, 'k8s trigger');
}

const messageOf = (o: Record<string, unknown>) =>
  (o.spec as { arguments: { parameters: { value: string }[] } }).arguments.parameters[0]!.value;

describe('trigger sources', () => {
  let web: Server;
  let webUrl = '';
  const dir = mkdtempSync(join(tmpdir(), 'eventide-artifacts-'));

  before(async () => {
    web = createServer((req, res) => {
      if (req.url === '/wf.yaml')
        return res.writeHead(200, { 'content-type': 'text/yaml' }).end(WORKFLOW_YAML);
      if (req.url === '/busy') return res.writeHead(503).end('busy');
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => web.close(r));
  });

  test('inline YAML text, with the parameters applied', async () => {
    const obj = await resolve({ inline: WORKFLOW_YAML });
    assert.equal(obj.kind, 'Workflow');
    assert.equal(messageOf(obj), 'from the event');
  });

  test('inline JSON; only the first YAML document counts', async () => {
    const obj = await resolve(
      { inline: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n---\nkind: Other` },
      false,
    );
    assert.deepEqual(obj, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  });

  test('malformed or non-object text is a config error', async () => {
    const bad = await failureOf(() => resolve({ inline: 'kind: [unclosed' }));
    assert.equal(bad.nonRetryable, true);
    assert.match(bad.message, /k8s trigger: source\.inline is not valid YAML/);
    const scalar = await failureOf(() => resolve({ inline: 'just text' }));
    assert.match(scalar.message, /does not hold a Kubernetes object/);
  });

  test('file: read on every fire; a missing file is a config error', async () => {
    const path = join(dir, 'wf.yaml');
    writeFileSync(path, WORKFLOW_YAML);
    assert.equal(messageOf(await resolve({ file: { path } }, false)), 'from the file');
    assert.equal(messageOf(await resolve({ file: { path } })), 'from the event');
    const missing = await failureOf(() => resolve({ file: { path: join(dir, 'nope.yaml') } }));
    assert.equal(missing.nonRetryable, true);
    assert.match(missing.message, /cannot read source\.file .*nope\.yaml: ENOENT/);
  });

  test('url: fetched over HTTP; 404 is permanent, 503 and refused connections are retried', async () => {
    assert.equal(messageOf(await resolve({ url: { path: `${webUrl}/wf.yaml` } })), 'from the event');
    const notFound = await failureOf(() => resolve({ url: { path: `${webUrl}/missing` } }));
    assert.equal(notFound.nonRetryable, true);
    assert.match(notFound.message, /GET http:\/\/127\.0\.0\.1:\d+\/missing answered 404/);
    const busy = await failureOf(() => resolve({ url: { path: `${webUrl}/busy` } }));
    assert.equal(busy.nonRetryable, false);
    const refused = await failureOf(() => resolve({ url: { path: 'http://127.0.0.1:1/wf.yaml' } }));
    assert.equal(refused.nonRetryable, false);
    assert.match(refused.message, /ECONNREFUSED/);
  });

  test('git: a file of a repository at a branch or tag; traversal and symlinks are refused', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'examples'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        stdio: 'pipe',
      });
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(join(repo, 'examples', 'wf.yaml'), WORKFLOW_YAML.replace('from the file', 'at v1'));
    symlinkSync('/etc/hostname', join(repo, 'examples', 'link.yaml'));
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    git('tag', 'v1');
    writeFileSync(join(repo, 'examples', 'wf.yaml'), WORKFLOW_YAML.replace('from the file', 'on main'));
    git('commit', '-q', '-am', 'main');
    const url = `file://${repo}`;
    const at = async (extra: Record<string, unknown>) =>
      messageOf(await resolve({ git: { url, filePath: 'examples/wf.yaml', ...extra } }, false));
    assert.equal(await at({}), 'on main', 'the default branch');
    assert.equal(await at({ branch: 'main' }), 'on main');
    assert.equal(await at({ tag: 'v1' }), 'at v1');
    // A cloneDirectory is reused across fires.
    const clone = join(dir, 'clone');
    assert.equal(await at({ cloneDirectory: clone, tag: 'v1' }), 'at v1');
    assert.equal(await at({ cloneDirectory: clone, branch: 'main' }), 'on main');
    // Credentials come from secrets (EVENTIDE_SECRET_GIT_*) and appear in no message.
    const creds = { username: { name: 'git', key: 'username' }, password: { name: 'git', key: 'password' } };
    assert.equal(await at({ creds }), 'on main');
    const denied = await failureOf(() =>
      resolve({ git: { url, filePath: 'examples/wf.yaml', branch: 'nope', creds } }),
    );
    assert.doesNotMatch(denied.message, new RegExp(Buffer.from('u:p').toString('base64')));
    const noSecret = await failureOf(() =>
      resolve({
        git: {
          url,
          filePath: 'examples/wf.yaml',
          creds: { ...creds, password: { name: 'git', key: 'absent' } },
        },
      }),
    );
    assert.equal(noSecret.nonRetryable, true);
    assert.match(noSecret.message, /source\.git\.creds\.password: secret git\/absent not found/);
    const traversal = await failureOf(() => resolve({ git: { url, filePath: '../etc/passwd' } }));
    assert.match(traversal.message, /"\.\." is not allowed in source\.git\.filePath/);
    const link = await failureOf(() => resolve({ git: { url, filePath: 'examples/link.yaml' } }));
    assert.match(link.message, /is a symbolic link/);
    const missing = await failureOf(() => resolve({ git: { url, filePath: 'examples/none.yaml' } }));
    assert.equal(missing.nonRetryable, true);
    const badRef = await failureOf(() =>
      resolve({ git: { url, filePath: 'examples/wf.yaml', branch: 'nope' } }),
    );
    assert.equal(badRef.nonRetryable, false);
    assert.match(badRef.message, /git fetch failed/);
  });

  test('an s3 location without an endpoint is a configuration error', async () => {
    const f = await failureOf(() => resolve({ s3: { bucket: { name: 'b', key: 'k' } } }));
    assert.equal(f.nonRetryable, true);
    assert.match(f.message, /source\.s3\.endpoint is required/);
  });
});
