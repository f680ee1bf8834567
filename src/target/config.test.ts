/**
 * loadTarget: the documented file format, env overrides, derived defaults, and diagnostics that name
 * the key and where it came from, secrets `***`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { redactText, SecretRegistry } from '../http/redact.js';
import { loadTarget } from './config.js';
import { isLoopbackUrl } from './defaults.js';
import { TargetConfigError } from './errors.js';
import { localMockTarget } from './local-mock.js';
import { MOCK_FIXTURES } from './mock-defaults.js';

const dir = mkdtempSync(join(tmpdir(), 'ims-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const EXAMPLE = `name: local-mock
endpoints: { ims: http://127.0.0.1:8080, evs: http://127.0.0.1:8080 }
projectId: a1b2c3d4e5f60718293a4b5c6d7e8f90
auth: { mode: token, token: mock-token-project-a }
fixtures:
  obs: { system: ims-image:centos70.zvhd2, data: ims-image:datadisk.raw, dataimage: image-test:fedora_data1.qcow2, missing: ims-image:no-such-file.raw }
  volumes: { available: 5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e01, inUse: 5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e02, flow: 5c8e3a52-6f0e-4b8a-9d4c-0a1b2c3d4e04 }
  otherProject: { projectId: b1b2c3d4e5f60718293a4b5c6d7e8f90, token: mock-token-project-b, volume: 6d9f4b63-7a1f-4c9b-8e5d-1b2c3d4e5f01 }
limits: { concurrency: 8, rps: 0, timeoutMs: 10000, budgetMs: 600000 }
safety: { remote: false, allowCreate: true, maxCreates: 1000 }
revision: "004"
`;

const messages = (r: { diagnostics: { message: string }[] }): string[] => r.diagnostics.map((d) => d.message);

describe('a valid target file', () => {
  test('the documented example loads as written and equals the local mock target', () => {
    const file = write('example.yaml', EXAMPLE);
    const secrets = new SecretRegistry();
    const result = loadTarget({ file, env: {}, secrets });
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toEqual({ ...localMockTarget('http://127.0.0.1:8080'), source: file });
    expect(redactText('mock-token-project-a mock-token-project-b', secrets)).toBe('*** ***');
  });

  test('a minimal remote target gets remote defaults: no creation, 2 in flight, 5 rps', () => {
    const file = write(
      'remote.yaml',
      'endpoints: { ims: https://ims.ap-southeast-1.myhuaweicloud.com, evs: https://evs.ap-southeast-1.myhuaweicloud.com }\nprojectId: 0123456789abcdef0123456789abcdef\n',
    );
    const value = loadTarget({ file, env: {} }).value;
    expect(value?.name).toBe('remote');
    expect(value?.auth).toEqual({ mode: 'none' });
    expect(value?.safety).toMatchObject({ remote: true, allowCreate: false });
    expect(value?.limits).toMatchObject({ concurrency: 2, rps: 5 });
  });

  test('explicit limits win over the remote defaults; a file cannot opt a remote target in to creation', () => {
    const file = write(
      'remote-optin.yaml',
      'endpoints: { ims: https://ims.example.com, evs: https://evs.example.com }\nprojectId: 0123456789abcdef0123456789abcdef\nsafety: { allowCreate: true, maxCreates: 7 }\nlimits: { rps: 1 }\n',
    );
    const value = loadTarget({ file, env: {} }).value;
    // Only --allow-create opts in on a remote target (issue 18, point 1); the file's cap still applies.
    expect(value?.safety).toEqual({ remote: true, allowCreate: false, maxCreates: 7 });
    expect(value?.limits).toMatchObject({ concurrency: 2, rps: 1 });
  });

  test('safety.remote: false cannot make a non-loopback endpoint local', () => {
    const file = write(
      'remote-false.yaml',
      'endpoints: { ims: "http://[::ffff:127.0.0.2]:8080", evs: http://127.0.0.1:8080 }\nprojectId: 0123456789abcdef0123456789abcdef\nsafety: { remote: false, allowCreate: true }\n',
    );
    expect(loadTarget({ file, env: {} }).value?.safety).toMatchObject({ remote: true, allowCreate: false });
  });

  test('safety.remote: true makes a loopback target remote', () => {
    const file = write(
      'loop-remote.yaml',
      EXAMPLE.replace('remote: false, allowCreate: true', 'remote: true, allowCreate: true'),
    );
    expect(loadTarget({ file, env: {} }).value?.safety).toMatchObject({ remote: true, allowCreate: false });
  });

  test("endpoints moved by the environment drop the file's safety and limits (they were written for its endpoints)", () => {
    const file = write('moved.yaml', EXAMPLE);
    const value = loadTarget({
      file,
      env: { IMS_ENDPOINT: 'https://ims.example.com', EVS_ENDPOINT: 'https://evs.example.com' },
    }).value;
    expect(value?.safety).toEqual({ remote: true, allowCreate: false, maxCreates: 20 });
    expect(value?.limits).toEqual({ concurrency: 2, rps: 5, timeoutMs: 30_000, budgetMs: 1_800_000 });
    // The same endpoints again through the environment keep the file's settings.
    const same = loadTarget({ file, env: { IMS_ENDPOINT: 'http://127.0.0.1:8080' } }).value;
    expect(same?.limits).toMatchObject({ concurrency: 8, rps: 0 });
    expect(same?.safety).toEqual({ remote: false, allowCreate: true, maxCreates: 1000 });
  });
});

describe('diagnostics for a bad file', () => {
  test('a bad auth.mode names the key, the position and the allowed values', () => {
    const file = write('target.yaml', EXAMPLE.replace('mode: token', 'mode: akks'));
    const result = loadTarget({ file, env: {} });
    expect(result.value).toBeUndefined();
    expect(messages(result)).toEqual([
      `${file}:4:15: TARGET_BAD_KEY: auth.mode must be one of none, token, password, aksk (got "akks")`,
    ]);
    expect(result.diagnostics[0]).toMatchObject({ key: 'auth.mode', line: 4, column: 15, source: file });
  });

  test('every problem is collected and sorted by position', () => {
    const file = write(
      'many.yaml',
      [
        'endpoints:',
        '  ims: ims.example',
        '  evs: http://127.0.0.1:1',
        'projectId: a1b2c3d4e5f60718293a4b5c6d7e8f90',
        'limits: { concurrency: 0, rsp: 3 }',
        'revision: 004',
        '',
      ].join('\n'),
    );
    expect(messages(loadTarget({ file, env: {} }))).toEqual([
      `${file}:2:8: TARGET_BAD_KEY: endpoints.ims is not an http(s) URL (got "ims.example")`,
      `${file}:5:24: TARGET_BAD_KEY: limits.concurrency must be >= 1 (got 0)`,
      `${file}:5:27: TARGET_BAD_KEY: unknown key "rsp" in limits; expected one of: concurrency, rps, timeoutMs, budgetMs`,
      `${file}:6:11: TARGET_BAD_KEY: revision must be a string (got 4)`,
    ]);
  });

  test('missing keys of an auth mode are reported at the auth block', () => {
    const file = write(
      'password.yaml',
      'endpoints: { ims: http://localhost:1, evs: http://localhost:1 }\nprojectId: a1b2c3d4e5f60718293a4b5c6d7e8f90\nauth:\n  mode: password\n  user: u\n  password: hunter2pw\n',
    );
    expect(messages(loadTarget({ file, env: {} }))).toEqual(
      ['iamEndpoint', 'domain', 'project'].map(
        (k) => `${file}:4:3: TARGET_BAD_KEY: auth.${k} is required when auth.mode is password`,
      ),
    );
  });

  test('secrets never appear in messages, even when quoted as the bad value', () => {
    const file = write(
      'secret.yaml',
      'endpoints: { ims: http://localhost:1, evs: http://localhost:1 }\nprojectId: hunter2pw\nauth: { mode: aksk, accessKey: [AKVALUE1], secretKey: hunter2pw }\n',
    );
    const text = messages(loadTarget({ file, env: {} })).join('\n');
    expect(text).toContain('projectId is not a project id (32 lower-case hex digits) (got "***")');
    expect(text).toContain('auth.accessKey must be a string (got ***)');
    expect(text).not.toContain('hunter2pw');
    expect(text).not.toContain('AKVALUE1');
  });

  test('YAML syntax errors and unreadable files are diagnostics, not exceptions', () => {
    const bad = write('syntax.yaml', 'projectId: a\nprojectId: b\nauth: { mode: token, token: "unterminated\n');
    const result = loadTarget({ file: bad, env: {} });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics[0]?.message).toMatch(
      new RegExp(`^${bad.replace(/[.\\]/g, '\\$&')}:2:1: TARGET_BAD_KEY: YAML syntax: `),
    );
    const missing = loadTarget({ file: join(dir, 'nope.yaml'), env: {} });
    expect(messages(missing)[0]).toContain('cannot read the target file');
  });

  test('TargetConfigError carries every diagnostic', () => {
    const file = write('t2.yaml', EXAMPLE.replace('mode: token', 'mode: akks'));
    const error = new TargetConfigError(loadTarget({ file, env: {} }).diagnostics);
    expect(error).toMatchObject({ code: 'TARGET_BAD_KEY', key: 'auth.mode', line: 4, source: file });
    expect(error.message).toContain('auth.mode must be one of');
  });
});

describe('environment variables', () => {
  test('nothing configured: no target and no diagnostics (the run starts the mock)', () => {
    expect(loadTarget({ env: {} })).toEqual({ diagnostics: [] });
  });

  test('IMS_TARGET names the file when none is given', () => {
    const file = write('from-env.yaml', EXAMPLE);
    expect(loadTarget({ env: { IMS_TARGET: file } }).value?.source).toBe(file);
  });

  test('a bad variable is named as such', () => {
    const file = write('env-bad.yaml', EXAMPLE);
    expect(messages(loadTarget({ file, env: { IMS_ENDPOINT: 'ims.example' } }))).toEqual([
      'env IMS_ENDPOINT: not an http(s) URL ("ims.example")',
    ]);
  });

  test('variables override the file; IMS_AUTH_TOKEN switches to token auth', () => {
    const file = write(
      'env-over.yaml',
      EXAMPLE.replace('auth: { mode: token, token: mock-token-project-a }', 'auth: { mode: none }'),
    );
    const secrets = new SecretRegistry();
    const value = loadTarget({
      file,
      env: { IMS_ENDPOINT: 'https://ims.example.com', IMS_AUTH_TOKEN: 'tok-from-env' },
      secrets,
    }).value;
    expect(value?.endpoints).toEqual({ ims: 'https://ims.example.com', evs: 'http://127.0.0.1:8080' });
    expect(value?.auth).toEqual({ mode: 'token', token: 'tok-from-env' });
    expect(value?.safety.remote).toBe(true); // the file's safety.remote: false was for its own (loopback) endpoints
    expect(redactText('tok-from-env', secrets)).toBe('***');
  });

  test('a target from the environment only, with AK/SK', () => {
    const secrets = new SecretRegistry();
    const value = loadTarget({
      env: {
        IMS_ENDPOINT: 'https://ims.example.com',
        EVS_ENDPOINT: 'https://evs.example.com',
        IMS_PROJECT_ID: '0123456789abcdef0123456789abcdef',
        IMS_AK: 'AKENV123',
        IMS_SK: 'SKENV456',
      },
      secrets,
    }).value;
    expect(value).toMatchObject({
      name: 'env',
      source: 'env',
      auth: { mode: 'aksk', accessKey: 'AKENV123', secretKey: 'SKENV456' },
    });
    expect(value?.safety).toMatchObject({ remote: true, allowCreate: false });
    expect(redactText('AKENV123 SKENV456', secrets)).toBe('*** ***');
  });

  test('an incomplete environment names each missing variable; half an AK/SK pair too', () => {
    const result = loadTarget({ env: { IMS_ENDPOINT: 'https://ims.example.com', IMS_AK: 'AKONLY' } });
    expect(messages(result)).toEqual([
      'env EVS_ENDPOINT: not set (endpoints.evs is required; set EVS_ENDPOINT)',
      'env IMS_PROJECT_ID: not set (projectId is required; set IMS_PROJECT_ID)',
      'env IMS_SK: not set (auth.secretKey is required when auth.mode is aksk; set IMS_SK)',
    ]);
  });

  test('two auth modes in the environment conflict', () => {
    const file = write('env-conflict.yaml', EXAMPLE);
    expect(
      messages(loadTarget({ file, env: { IMS_AUTH_TOKEN: 'token-1', IMS_AK: 'ak-12345', IMS_SK: 'sk-12345' } })),
    ).toEqual([
      'env IMS_AK: conflicts with IMS_AUTH_TOKEN (auth mode token); set the variables of one auth mode only',
      'env IMS_SK: conflicts with IMS_AUTH_TOKEN (auth mode token); set the variables of one auth mode only',
    ]);
  });
});

describe('secrets too short to redact', () => {
  test('a secret shorter than 6 characters is refused with the key, the rule and why', () => {
    const file = write('short-token.yaml', EXAMPLE.replace('token: mock-token-project-a', 'token: x'));
    const result = loadTarget({ file, env: {} });
    expect(result.value).toBeUndefined();
    expect(messages(result).join('\n')).toMatch(
      /short-token\.yaml:4:\d+: TARGET_BAD_KEY: auth\.token must have at least 6 characters \(a secret is hidden from every report by its value; one shorter than 6 characters would match ordinary words\) \(got \*\*\*\)/,
    );
    const env = loadTarget({
      env: {
        IMS_ENDPOINT: 'https://ims.example.com',
        EVS_ENDPOINT: 'https://evs.example.com',
        IMS_PROJECT_ID: 'p',
        IMS_AUTH_TOKEN: 'abc',
      },
    });
    expect(messages(env).join('\n')).toContain('env IMS_AUTH_TOKEN: must have at least 6 characters');
  });
});

describe('local mock and loopback', () => {
  test('localMockTarget uses the mock defaults on the given URL', () => {
    const target = localMockTarget('http://127.0.0.1:4010/');
    expect(target.endpoints).toEqual({ ims: 'http://127.0.0.1:4010', evs: 'http://127.0.0.1:4010' });
    expect(target.auth).toEqual({ mode: 'token', token: 'mock-token-project-a' });
    expect(target.fixtures).toEqual(MOCK_FIXTURES);
    expect(target.safety).toEqual({ remote: false, allowCreate: true, maxCreates: 1000 });
  });

  test.for([
    ['http://127.0.0.1:8080', true],
    ['http://127.9.8.7', true],
    ['http://localhost:1', true],
    ['http://[::1]:8080', true],
    ['http://128.0.0.1', false],
    ['https://ims.example.com', false],
    ['http://localhost.example.com', false],
    ['http://[::ffff:127.0.0.2]:8080', false],
  ] as const)('isLoopbackUrl(%s) = %s', ([url, loopback]) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });
});

describe('static headers', () => {
  const base =
    'endpoints: { ims: http://127.0.0.1:9292, evs: http://127.0.0.1:9292 }\nprojectId: 0123456789abcdef0123456789abcdef\n';

  test('literal values are kept as written; $NAME values come from the environment and are secrets', () => {
    const file = write(
      'headers.yaml',
      `${base}headers:\n  X-Identity-Status: Confirmed\n  X-Auth-Token: \${OS_TOKEN}\n`,
    );
    const secrets = new SecretRegistry();
    const result = loadTarget({ file, env: { OS_TOKEN: 'gAAAAA-token-from-env' }, secrets });
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.headers).toEqual({
      'X-Identity-Status': 'Confirmed',
      'X-Auth-Token': 'gAAAAA-token-from-env',
    });
    expect(result.value?.secretHeaders).toEqual(['X-Auth-Token']);
    expect(redactText('token gAAAAA-token-from-env, status Confirmed', secrets)).toBe('token ***, status Confirmed');
  });

  test('an unset variable, a partial $-brace value, a reserved header and a bad name are errors at file:line:col', () => {
    const file = write(
      'bad-headers.yaml',
      `${base}headers:\n  X-Auth-Token: \${OS_TOKEN}\n  X-Mixed: Bearer \${OS_TOKEN}\n  Content-Type: text/plain\n  "bad name": x\n`,
    );
    const got = messages(loadTarget({ file, env: {} }));
    expect(got.join('\n')).toContain('TARGET_BAD_KEY: headers is not an HTTP header name');
    const again = messages(
      loadTarget({
        file: write(
          'bad-headers2.yaml',
          `${base}headers:\n  X-Auth-Token: \${OS_TOKEN}\n  X-Mixed: Bearer \${OS_TOKEN}\n  Content-Type: text/plain\n`,
        ),
        env: {},
      }),
    );
    expect(again).toEqual([
      expect.stringContaining(':4:17: TARGET_BAD_KEY: headers.X-Auth-Token: environment variable OS_TOKEN is not set'),
      expect.stringContaining(
        ':5:12: TARGET_BAD_KEY: headers.X-Mixed: a value from the environment must be the whole value',
      ),
      expect.stringContaining(':6:17: TARGET_BAD_KEY: headers.Content-Type: the HTTP client sets this header itself'),
    ]);
  });
});
