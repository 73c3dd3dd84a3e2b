// `source.s3`: SigV4 checked against AWS's documented GetObject example (recomputed here step by
// step with node:crypto), object addressing as the minio client does it, and the whole path from
// a fire to a created Workflow against a fake S3 that verifies every signature it receives —
// including Argo's three example Sensors that read their Workflow from MinIO.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  EMPTY_PAYLOAD_SHA256,
  amzDate,
  canonicalRequest,
  signRequest,
  signature,
  signingKey,
  stringToSign,
  uriEncodePath,
} from '../../../activities/artifacts/aws-sigv4.js';
import { MAX_S3_OBJECT_BYTES } from '../../../activities/artifacts/s3-artifact.js';
import { s3ObjectAddress } from '../../../activities/artifacts/s3-object-address.js';
import { triggerResource } from '../../../activities/artifacts/trigger-resource.js';
import { k8sTrigger } from '../../../activities/triggers/k8s/execute.js';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { secretEnvName } from '../../../src/secrets/secret-store.js';
import { startFakeK8sApi, type FakeK8sApi } from '../../support/fakes/k8s-api-server.js';
import { makeLoopbackTlsIdentity, startFakeS3, type FakeS3 } from '../../support/fakes/s3-fake-server.js';
import { DEP, failureOf, fireFor, requestFor } from './trigger-fixtures.js';

const EXAMPLES = '/work/shared/argo-examples/sensors';
const EXAMPLE_SENSORS = [
  'complete-trigger-parameterization.yaml',
  'context-filter-webhook.yaml',
  'multi-trigger-sensor.yaml',
];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

describe('SigV4, against the GetObject example of the S3 API reference', () => {
  // The example's published inputs and results (S3 API reference, "Signature calculations for the
  // Authorization header: transferring payload in a single chunk", Example: GET Object).
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const publishedCanonicalRequestHash = '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972';
  const publishedSignature = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';
  const scope = { date: '20130524', region: 'us-east-1', service: 's3' };

  // The same values derived here from the documented algorithm, one step at a time.
  const emptyHash = sha256('');
  const expectedCanonical = [
    'GET',
    '/test.txt',
    '',
    'host:examplebucket.s3.amazonaws.com',
    'range:bytes=0-9',
    `x-amz-content-sha256:${emptyHash}`,
    'x-amz-date:20130524T000000Z',
    '',
    'host;range;x-amz-content-sha256;x-amz-date',
    emptyHash,
  ].join('\n');
  const expectedStringToSign = [
    'AWS4-HMAC-SHA256',
    '20130524T000000Z',
    '20130524/us-east-1/s3/aws4_request',
    sha256(expectedCanonical),
  ].join('\n');
  const expectedKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, '20130524'), 'us-east-1'), 's3'), 'aws4_request');
  const expectedSignature = hmac(expectedKey, expectedStringToSign).toString('hex');

  test('the step-by-step derivation reproduces the published values', () => {
    assert.equal(emptyHash, EMPTY_PAYLOAD_SHA256);
    assert.equal(sha256(expectedCanonical), publishedCanonicalRequestHash);
    assert.equal(expectedSignature, publishedSignature);
  });

  test('each step of aws-sigv4 gives the same result', () => {
    const canonical = canonicalRequest({
      method: 'get',
      path: '/test.txt',
      query: '',
      // names in any case and order; values trimmed, inner runs of spaces collapsed
      headers: {
        'X-Amz-Date': '20130524T000000Z',
        Range: ' bytes=0-9 ',
        Host: 'examplebucket.s3.amazonaws.com',
        'x-amz-content-sha256': emptyHash,
      },
      payloadHash: emptyHash,
    });
    assert.equal(canonical.text, expectedCanonical);
    assert.equal(canonical.signedHeaders, 'host;range;x-amz-content-sha256;x-amz-date');
    const toSign = stringToSign('20130524T000000Z', scope, canonical.text);
    assert.equal(toSign, expectedStringToSign);
    assert.deepEqual(signingKey(secret, scope), expectedKey);
    assert.equal(signature(secret, scope, toSign), publishedSignature);
  });

  test('signRequest produces the documented Authorization header and the headers it signed', () => {
    const headers = signRequest({
      method: 'GET',
      host: 'examplebucket.s3.amazonaws.com',
      path: '/test.txt',
      headers: { range: 'bytes=0-9' },
      region: 'us-east-1',
      service: 's3',
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
      now: new Date(Date.UTC(2013, 4, 24)),
    });
    assert.equal(
      headers.authorization,
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        `SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${publishedSignature}`,
    );
    assert.equal(headers['x-amz-date'], '20130524T000000Z');
    assert.equal(headers['x-amz-content-sha256'], emptyHash);
    assert.equal(headers.host, 'examplebucket.s3.amazonaws.com');
  });

  test('dates and paths are put in the forms SigV4 signs', () => {
    assert.equal(amzDate(new Date(Date.UTC(2024, 0, 15, 9, 5, 7, 123))), '20240115T090507Z');
    assert.equal(uriEncodePath("/a b/ü(1)*!'.yaml"), '/a%20b/%C3%BC%281%29%2A%21%27.yaml');
    assert.equal(uriEncodePath('/dir/A-z_0.9~x+y=z'), '/dir/A-z_0.9~x%2By%3Dz');
  });
});

describe('S3 object addressing, as the minio client does it', () => {
  const at = (s3: Record<string, unknown>) =>
    s3ObjectAddress({ bucket: { name: 'workflows', key: 'wf.yaml' }, ...s3 });

  test('custom endpoints are path-style; insecure means http; the default region is us-east-1', () => {
    assert.deepEqual(at({ endpoint: 'minio-service.argo-events:9000', insecure: true }), {
      protocol: 'http:',
      hostname: 'minio-service.argo-events',
      host: 'minio-service.argo-events:9000',
      port: 9000,
      path: '/workflows/wf.yaml',
      region: 'us-east-1',
      name: 'workflows/wf.yaml at minio-service.argo-events:9000',
    });
    const tls = at({ endpoint: 'minio.example.com', region: 'eu-west-3' });
    assert.equal(tls.protocol, 'https:');
    assert.equal(tls.port, 443);
    assert.equal(tls.region, 'eu-west-3');
    assert.equal(at({ endpoint: 'minio.example.com:443' }).host, 'minio.example.com', 'default port dropped');
    assert.equal(at({ endpoint: '[::1]:9000', insecure: true }).hostname, '::1');
  });

  test('keys are URI-encoded once, slashes kept, a leading slash kept as part of the key', () => {
    const a = s3ObjectAddress({ endpoint: 'm:9000', bucket: { name: 'b', key: 'dir/my wf (1).yaml' } });
    assert.equal(a.path, '/b/dir/my%20wf%20%281%29.yaml');
    assert.equal(s3ObjectAddress({ endpoint: 'm', bucket: { name: 'b', key: '/k' } }).path, '/b//k');
  });

  test('Amazon S3 endpoints are virtual-hosted when the bucket allows it, and name the region', () => {
    const aws = at({ endpoint: 's3.eu-central-1.amazonaws.com' });
    assert.equal(aws.host, 'workflows.s3.eu-central-1.amazonaws.com');
    assert.equal(aws.path, '/wf.yaml');
    assert.equal(aws.region, 'eu-central-1');
    assert.equal(at({ endpoint: 's3.amazonaws.com' }).region, 'us-east-1');
    assert.equal(at({ endpoint: 's3.amazonaws.com', region: 'ap-south-1' }).region, 'ap-south-1');
    const dotted = s3ObjectAddress({ endpoint: 's3.amazonaws.com', bucket: { name: 'my.bucket', key: 'k' } });
    assert.equal(dotted.host, 's3.amazonaws.com');
    assert.equal(dotted.path, '/my.bucket/k', 'a dotted bucket cannot be a TLS host name: path-style');
  });

  test('an endpoint with a scheme or path, or missing fields, is a config error', () => {
    assert.throws(
      () => at({ endpoint: 'http://minio:9000' }),
      /endpoint "http:\/\/minio:9000" must be host\[:port\] without a scheme \(set insecure: true/,
    );
    assert.throws(() => at({ endpoint: 'minio:9000/bucket' }), /without a path/);
    assert.throws(() => at({}), /source\.s3\.endpoint is required/);
    assert.throws(
      () => s3ObjectAddress({ endpoint: 'm', bucket: { key: 'k' } }),
      /source\.s3\.bucket\.name is required/,
    );
    assert.throws(
      () => s3ObjectAddress({ endpoint: 'm', bucket: { name: 'b' } }),
      /source\.s3\.bucket\.key is required/,
    );
  });
});

const ACCESS_KEY = 'AKIDFAKEMINIO0001';
const SECRET_KEY = 'fake/Secret+Key/0123456789abcdefghijkl';
const SECRETS = {
  [secretEnvName({ name: 'artifacts-minio', key: 'accesskey' })]: ACCESS_KEY,
  // Argo trims the keys it reads; so does Eventide.
  [secretEnvName({ name: 'artifacts-minio', key: 'secretkey' })]: `${SECRET_KEY}\n`,
  [secretEnvName({ name: 'artifacts-minio', key: 'wrongsecret' })]: 'not-the-secret-key',
};
const KEYS = {
  accessKey: { name: 'artifacts-minio', key: 'accesskey' },
  secretKey: { name: 'artifacts-minio', key: 'secretkey' },
};

const HELLO_WORLD = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-world-
spec:
  entrypoint: whalesay
  arguments:
    parameters:
      - name: message
        value: hello from S3
  templates:
    - name: whalesay
      container:
        image: docker/whalesay:latest
        command: [cowsay]
        args: ['{{workflow.parameters.message}}']
`;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The first trigger of one of Argo's example Sensors, with its S3 endpoint pointed at `endpoint`. */
function exampleTrigger(file: string, endpoint: string): Obj {
  const sensor = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Obj;
  const trigger = structuredClone(sensor.spec.triggers[0]) as Obj;
  trigger.template.k8s.source.s3.endpoint = endpoint;
  return trigger;
}

describe('source.s3 against a fake S3 that verifies signatures', () => {
  let s3: FakeS3;
  let api: FakeK8sApi;
  const savedKubeconfig = process.env.KUBECONFIG;

  before(async () => {
    s3 = await startFakeS3({
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      publicBuckets: ['public'],
    });
    s3.put('workflows', 'hello-world.yaml', HELLO_WORLD);
    s3.put('workflows', 'dir/my wf (1).yaml', HELLO_WORLD);
    s3.put('public', 'hello-world.yaml', HELLO_WORLD);
    s3.put('workflows', 'huge.yaml', `# ${'x'.repeat(MAX_S3_OBJECT_BYTES)}\n${HELLO_WORLD}`);
    s3.fail('workflows', 'broken.yaml', 500, 'InternalError');
    s3.fail('workflows', 'forbidden.yaml', 403, 'AccessDenied');
    api = await startFakeK8sApi();
    process.env.KUBECONFIG = api.kubeconfigPath;
  });
  after(async () => {
    process.env.KUBECONFIG = savedKubeconfig;
    await api.close();
    await s3.close();
  });
  beforeEach(() => {
    api.reset();
    s3.calls.length = 0;
  });

  const source = (extra: Obj = {}, key = 'hello-world.yaml') => ({
    s3: { endpoint: s3.endpoint, insecure: true, bucket: { name: 'workflows', key }, ...KEYS, ...extra },
  });
  const messageParam = {
    src: { dependencyName: DEP, dataKey: 'body.msg' },
    dest: 'spec.arguments.parameters.0.value',
  };
  async function resolve(
    src: Obj,
    parameters: unknown[] = [],
    data: unknown = { body: { msg: 'from the event' } },
  ) {
    const trigger = { template: { name: 't', k8s: { operation: 'create', source: src, parameters } } };
    const req = requestFor(fireFor(trigger, data), { secrets: SECRETS });
    return triggerResource(req, req.fire.template.k8s as never, 'k8s trigger');
  }

  test('a signed GET that the server verifies; the parameters apply to the fetched Workflow', async () => {
    const wf = await resolve(source(), [messageParam]);
    assert.equal(wf.kind, 'Workflow');
    assert.equal((wf.spec as Obj).arguments.parameters[0].value, 'from the event');
    assert.equal(s3.calls.length, 1);
    const call = s3.calls[0]!;
    assert.equal(call.verdict, 'signed', 'the fake recomputed the same signature from the secret key');
    assert.equal(call.path, '/workflows/hello-world.yaml');
    assert.equal(call.headers['x-amz-content-sha256'], EMPTY_PAYLOAD_SHA256);
    assert.match(
      String(call.headers.authorization),
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/\\d{8}/us-east-1/s3/aws4_request,`),
    );
  });

  test('a key with spaces and parentheses is encoded the same on the wire and in the signature', async () => {
    const wf = await resolve(source({}, 'dir/my wf (1).yaml'));
    assert.equal(wf.kind, 'Workflow');
    assert.equal(s3.calls[0]!.path, '/workflows/dir/my%20wf%20%281%29.yaml');
    assert.equal(s3.calls[0]!.verdict, 'signed');
  });

  test('without keys the GET is anonymous: a public bucket answers, a private one refuses', async () => {
    const anonymous = (bucket: string) => ({
      s3: { endpoint: s3.endpoint, insecure: true, bucket: { name: bucket, key: 'hello-world.yaml' } },
    });
    assert.equal((await resolve(anonymous('public'))).kind, 'Workflow');
    assert.equal(s3.calls[0]!.verdict, 'anonymous');
    assert.equal(s3.calls[0]!.headers.authorization, undefined);
    const denied = await failureOf(() => resolve(anonymous('workflows')));
    assert.equal(denied.nonRetryable, true);
    assert.match(
      denied.message,
      /^k8s trigger: S3 object workflows\/hello-world\.yaml at 127\.0\.0\.1:\d+ answered 403 AccessDenied/,
    );
  });

  test('404 and 403 are config errors naming bucket and key, and never a key or the string to sign', async () => {
    const missing = await failureOf(() => resolve(source({}, 'missing.yaml')));
    assert.equal(missing.nonRetryable, true);
    assert.match(
      missing.message,
      /S3 object workflows\/missing\.yaml at 127\.0\.0\.1:\d+ answered 404 NoSuchKey: no such bucket or key/,
    );
    const noBucket = await failureOf(() =>
      resolve({ s3: { ...source().s3, bucket: { name: 'nope', key: 'k.yaml' } } }),
    );
    assert.match(noBucket.message, /S3 object nope\/k\.yaml .* answered 404 NoSuchBucket/);
    const forbidden = await failureOf(() => resolve(source({}, 'forbidden.yaml')));
    assert.equal(forbidden.nonRetryable, true);
    assert.match(
      forbidden.message,
      /forbidden\.yaml .* answered 403 AccessDenied: check source\.s3\.accessKey, secretKey and region/,
    );

    const wrongSecret = await failureOf(() =>
      resolve(source({ secretKey: { name: 'artifacts-minio', key: 'wrongsecret' } })),
    );
    assert.equal(s3.calls.at(-1)!.verdict, 'SignatureDoesNotMatch', 'the fake really checks signatures');
    assert.equal(wrongSecret.nonRetryable, true);
    assert.match(wrongSecret.message, /hello-world\.yaml .* answered 403 SignatureDoesNotMatch/);
    for (const f of [missing, forbidden, wrongSecret]) {
      for (const leak of [ACCESS_KEY, SECRET_KEY, 'not-the-secret-key', 'AWS4-HMAC-SHA256'])
        assert.ok(!f.message.includes(leak), `${JSON.stringify(leak)} must not appear in: ${f.message}`);
    }
  });

  test('a signature scoped to another region is refused with the region to set', async () => {
    const wrongRegion = await failureOf(() => resolve(source({ region: 'eu-west-1' })));
    assert.equal(wrongRegion.nonRetryable, true);
    assert.match(
      wrongRegion.message,
      /answered 400 AuthorizationHeaderMalformed: the bucket is in region us-east-1; set source\.s3\.region/,
    );
  });

  test('5xx and refused connections are retryable', async () => {
    const broken = await failureOf(() => resolve(source({}, 'broken.yaml')));
    assert.equal(broken.nonRetryable, false);
    assert.match(broken.message, /S3 object workflows\/broken\.yaml .* answered 500 InternalError/);
    const refused = await failureOf(() => resolve({ s3: { ...source().s3, endpoint: '127.0.0.1:1' } }));
    assert.equal(refused.nonRetryable, false);
    assert.match(
      refused.message,
      /GET S3 object workflows\/hello-world\.yaml at 127\.0\.0\.1:1 failed: ECONNREFUSED/,
    );
  });

  test('a missing secret, half a key pair or an oversized object is a config error', async () => {
    const noSecret = await failureOf(() =>
      resolve(source({ accessKey: { name: 'artifacts-minio', key: 'absent' } })),
    );
    assert.equal(noSecret.nonRetryable, true);
    assert.match(noSecret.message, /source\.s3\.accessKey: secret artifacts-minio\/absent not found/);
    assert.equal(s3.calls.length, 0, 'nothing is sent without the keys');
    const half = await failureOf(() => resolve(source({ secretKey: undefined })));
    assert.match(half.message, /needs both accessKey and secretKey/);
    const huge = await failureOf(() => resolve(source({}, 'huge.yaml')));
    assert.equal(huge.nonRetryable, true);
    assert.match(huge.message, new RegExp(`huge\\.yaml .* is larger than ${MAX_S3_OBJECT_BYTES} bytes`));
  });

  test('complete-trigger-parameterization.yaml: bucket, key and port from the event; name space and image applied', async () => {
    s3.put('mybucket', 'hello.yaml', HELLO_WORLD);
    // The example appends the event's `port` to the endpoint; here it appends the fake's port.
    const trigger = exampleTrigger('complete-trigger-parameterization.yaml', '127.0.0.1:');
    const port = s3.endpoint.split(':')[1];
    const data = {
      name: 'trigger-wf-1',
      namespace: 'argo-events',
      bucket: 'mybucket',
      port,
      key: 'hello.yaml',
      image: 'docker/busybox',
    };
    const fire = fireFor(trigger, data);
    assert.deepEqual((fire.template.k8s as Obj).source.s3.bucket, { name: 'mybucket', key: 'hello.yaml' });
    const summary = (await k8sTrigger(requestFor(fire, { secrets: SECRETS }))) as Obj;
    assert.equal(summary.operation, 'create');
    assert.equal(s3.calls[0]!.path, '/mybucket/hello.yaml');
    assert.equal(s3.calls[0]!.verdict, 'signed');
    const [wf, ...others] = api.objects('workflows', 'argo-events');
    assert.equal(others.length, 0);
    assert.equal(wf!.metadata.namespace, 'argo-events');
    assert.equal(wf!.spec.templates[0].container.image, 'docker/busybox');
    assert.equal(wf!.spec.arguments.parameters[0].value, 'hello from S3');
  });

  for (const file of ['context-filter-webhook.yaml', 'multi-trigger-sensor.yaml']) {
    test(`${file}: the Workflow in workflows/hello-world.yaml is created`, async () => {
      const fire = fireFor(exampleTrigger(file, s3.endpoint), { message: 'hi' });
      await k8sTrigger(requestFor(fire, { secrets: SECRETS }));
      assert.equal(s3.calls[0]!.verdict, 'signed');
      const wfs = api.objects('workflows', 'default');
      assert.equal(wfs.length, 1);
      assert.equal(wfs[0]!.metadata.generateName, 'hello-world-');
    });
  }
});

describe('source.s3 over TLS with caCertificate', () => {
  let s3: FakeS3;
  const identity = makeLoopbackTlsIdentity();
  const secrets = {
    ...SECRETS,
    [secretEnvName({ name: 'minio-ca', key: 'ca.crt' })]: identity.cert,
    [secretEnvName({ name: 'minio-ca', key: 'other' })]: makeLoopbackTlsIdentity().cert,
  };
  before(async () => {
    s3 = await startFakeS3({
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
      tls: identity,
    });
    s3.put('workflows', 'hello-world.yaml', HELLO_WORLD);
  });
  after(() => s3.close());

  async function resolveTls(extra: Obj) {
    const src = {
      s3: {
        endpoint: s3.endpoint,
        bucket: { name: 'workflows', key: 'hello-world.yaml' },
        ...KEYS,
        ...extra,
      },
    };
    const req = requestFor(fireFor({ template: { name: 't', k8s: { operation: 'create', source: src } } }), {
      secrets,
    });
    return triggerResource(req, req.fire.template.k8s as never, 'k8s trigger');
  }

  test('the CA from the secret is trusted for the request', async () => {
    const wf = await resolveTls({ caCertificate: { name: 'minio-ca', key: 'ca.crt' } });
    assert.equal(wf.kind, 'Workflow');
    assert.equal(s3.calls.at(-1)!.verdict, 'signed');
  });

  test('without it, or with another CA, the certificate is refused for good', async () => {
    const untrusted = await failureOf(() => resolveTls({}));
    assert.equal(untrusted.nonRetryable, true);
    assert.match(
      untrusted.message,
      /certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); set source\.s3\.caCertificate/,
    );
    const other = await failureOf(() => resolveTls({ caCertificate: { name: 'minio-ca', key: 'other' } }));
    assert.equal(other.nonRetryable, true);
    assert.match(
      other.message,
      /certificate is not trusted .*; check that source\.s3\.caCertificate holds the CA/,
    );
  });
});

describe('validation of source.s3', () => {
  /** Problems of context-filter-webhook.yaml with its trigger's source.s3 replaced by `s3`. */
  const problemsOf = (s3: unknown) => {
    const sensor = parse(readFileSync(join(EXAMPLES, 'context-filter-webhook.yaml'), 'utf8')) as Obj;
    sensor.spec.triggers[0].template.k8s.source = { s3 };
    return validateText('s.yaml', JSON.stringify(sensor)).problems.map((p) => `${p.path}: ${p.message}`);
  };
  const P = 'spec.triggers[0].template.k8s.source.s3';

  test("Argo's three example Sensors that read from MinIO validate", () => {
    for (const file of EXAMPLE_SENSORS) {
      const report = validatePath(join(EXAMPLES, file));
      assert.deepEqual(report.problems, [], file);
      assert.equal(report.valid.length, 1, file);
      assert.equal(report.valid[0]!.manifest.kind, 'Sensor');
    }
  });

  test('endpoint, bucket.name and bucket.key are required; keys come in pairs of secret selectors', () => {
    assert.deepEqual(
      problemsOf({ endpoint: 'minio:9000', bucket: { name: 'b', key: 'k' } }),
      [],
      'anonymous',
    );
    assert.deepEqual(
      problemsOf({
        endpoint: 'minio:9000',
        bucket: { name: 'b', key: 'k' },
        ...KEYS,
        region: 'eu-west-1',
        insecure: true,
      }),
      [],
    );
    assert.deepEqual(problemsOf({}), [`${P}.endpoint: required`, `${P}.bucket: required`]);
    assert.deepEqual(problemsOf({ endpoint: 'm', bucket: {} }), [
      `${P}.bucket.name: required`,
      `${P}.bucket.key: required`,
    ]);
    assert.deepEqual(
      problemsOf({ endpoint: 'm', bucket: { name: 'b', key: 'k' }, accessKey: KEYS.accessKey }),
      [`${P}.secretKey: required with the other key (set both, or neither for anonymous access)`],
    );
    assert.deepEqual(
      problemsOf({
        endpoint: 'm',
        bucket: { name: 'b', key: 'k' },
        accessKey: { name: 'x' },
        secretKey: 'text',
      }),
      [`${P}.accessKey.key: required`, `${P}.secretKey: must be a map, got string "text"`],
    );
    assert.deepEqual(
      problemsOf({ endpoint: 'm', bucket: { name: 'b', key: 'k' }, caCertificate: { key: 'ca' } }),
      [`${P}.caCertificate.name: required`],
    );
  });

  test('endpoint is host[:port]; region, insecure and the notification fields are shape-checked', () => {
    assert.deepEqual(problemsOf({ endpoint: 'https://minio:9000', bucket: { name: 'b', key: 'k' } }), [
      `${P}.endpoint: must be host[:port] without a scheme (set insecure: true for plain http)`,
    ]);
    assert.deepEqual(problemsOf({ endpoint: 'minio:9000/x', bucket: { name: 'b', key: 'k' } }), [
      `${P}.endpoint: must be host[:port] without a path, query or credentials`,
    ]);
    assert.deepEqual(
      problemsOf({
        endpoint: 'm',
        bucket: { name: 'b', key: 'k' },
        region: 'EU West',
        insecure: 'yes',
        events: ['s3:ObjectCreated:*', 1],
        filter: { prefix: 2 },
        metadata: { a: 'b' },
      }),
      [
        `${P}.region: must be a region name like us-east-1, got "EU West"`,
        `${P}.insecure: must be true or false, got string "yes"`,
        `${P}.events[1]: must be a string, got 1`,
        `${P}.filter.prefix: must be a string, got number 2`,
      ],
    );
  });
});
