// Validation of k8s, argoWorkflow and slack trigger specs (Argo's validate.go, plus shape checks
// of every source location), each problem at its field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validateText } from '../../../src/manifest/validate-manifest.js';

function problemsOf(template: Record<string, unknown>): string[] {
  const sensor = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'es', eventName: 'e' }],
      triggers: [{ template: { name: 't', ...template } }],
    },
  };
  return validateText('s.yaml', stringify(sensor)).problems.map((p) => `${p.path}: ${p.message}`);
}

const P = 'spec.triggers[0].template';
const resource = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };

test('valid k8s, argoWorkflow and slack triggers pass', () => {
  assert.deepEqual(problemsOf({ k8s: { operation: 'create', source: { resource } } }), []);
  assert.deepEqual(problemsOf({ k8s: { operation: 'update', liveObject: true, source: { resource } } }), []);
  assert.deepEqual(
    problemsOf({ argoWorkflow: { source: { resource }, args: ['-p', 'a=b'] } }),
    [],
    'an absent operation is submit',
  );
  assert.deepEqual(
    problemsOf({
      slack: {
        slackToken: { name: 'slack', key: 'token' },
        channel: 'general',
        message: 'hi',
        thread: { messageAggregationKey: 'k', broadcastMessageToChannel: true },
        sender: { username: 'bot', icon: ':robot_face:' },
      },
    }),
    [],
  );
});

test('k8s: source is required, operation and patchStrategy are checked', () => {
  assert.deepEqual(problemsOf({ k8s: { operation: 'create' } }), [`${P}.k8s.source: required`]);
  assert.deepEqual(problemsOf({ k8s: { operation: 'apply', source: { resource }, patchStrategy: 'json' } }), [
    `${P}.k8s.operation: must be one of "create", "update", "patch", "delete", "", got string "apply"`,
    `${P}.k8s.patchStrategy: must be one of "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml", got string "json"`,
  ]);
  assert.deepEqual(
    problemsOf({ k8s: { source: { resource }, parameters: [{ src: { dependencyName: 'd' } }] } }),
    [`${P}.k8s.parameters[0].dest: required`],
  );
});

test('sources: exactly one location, each well formed', () => {
  const k8s = (source: unknown) => problemsOf({ k8s: { source } });
  assert.deepEqual(k8s({}), [
    `${P}.k8s.source: needs one of resource, inline, file, url, configmap, git, s3`,
  ]);
  assert.deepEqual(k8s({ resource, inline: 'x' }), [
    `${P}.k8s.source: set only one source, got resource, inline`,
  ]);
  assert.deepEqual(k8s({ resource: 'text' }), [`${P}.k8s.source.resource: must be a map, got string "text"`]);
  assert.deepEqual(k8s({ file: {} }), [`${P}.k8s.source.file.path: required`]);
  assert.deepEqual(k8s({ url: { path: 'https://x/y.yaml', verifyCert: 'no' } }), [
    `${P}.k8s.source.url.verifyCert: must be true or false, got string "no"`,
  ]);
  assert.deepEqual(k8s({ configmap: { name: 'cm' } }), [`${P}.k8s.source.configmap.key: required`]);
  assert.deepEqual(
    k8s({
      git: { url: 'https://g/r.git', filePath: '../x.yaml', creds: { username: { name: 'a', key: 'b' } } },
    }),
    [
      `${P}.k8s.source.git.filePath: ".." is not allowed in filePath`,
      `${P}.k8s.source.git.creds.password: required`,
    ],
  );
  assert.deepEqual(
    k8s({ git: { url: 'u', filePath: 'f', githubApp: { privateKey: { name: 'a', key: 'b' }, appID: 1 } } }),
    [`${P}.k8s.source.git.githubApp.installationID: required`],
  );
  assert.deepEqual(k8s({ s3: {} }), [
    `${P}.k8s.source.s3.endpoint: required`,
    `${P}.k8s.source.s3.bucket: required`,
  ]);
});

test('argoWorkflow: operations, the ones needing the Argo Server, args', () => {
  assert.deepEqual(problemsOf({ argoWorkflow: { operation: 'resubmit', source: { resource } } }), [
    `${P}.argoWorkflow.operation: operation resubmit needs the Argo CLI (the Argo Server), which Eventide does not run: not supported`,
  ]);
  assert.equal(problemsOf({ argoWorkflow: { operation: 'rerun', source: { resource } } }).length, 1);
  assert.deepEqual(
    problemsOf({ argoWorkflow: { operation: 'submit', source: { resource }, args: ['-p', 3] } }),
    [`${P}.argoWorkflow.args[1]: must be a string, got 3`],
  );
});

test('slack: the token is required; thread and sender are shaped', () => {
  assert.deepEqual(problemsOf({ slack: { channel: 'c' } }), [`${P}.slack.slackToken: required`]);
  assert.deepEqual(
    problemsOf({
      slack: {
        slackToken: { name: 's', key: 'k' },
        thread: { broadcastMessageToChannel: 'yes' },
        sender: { icon: 1 },
      },
    }),
    [
      `${P}.slack.thread.broadcastMessageToChannel: must be true or false, got string "yes"`,
      `${P}.slack.sender.icon: must be a string, got number 1`,
    ],
  );
});
