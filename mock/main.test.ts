import { afterEach, expect, test, vi } from 'vitest';
import { runMock } from './main.js';

afterEach(() => {
  vi.restoreAllMocks();
});

test.for([
  [['--port', 'abc'], '--port must be an integer'],
  [['--bogus'], 'unknown argument'],
  [['--config'], '--config needs a value'],
  [['--config', '/nonexistent/mock.yaml'], 'MOCK_CONFIG_BAD_KEY'],
  [
    ['--deviation', 'bogus'],
    'MOCK_CONFIG_BAD_KEY: deviations.0 names no known deviation (got "bogus"); expected one of:',
  ],
  [['--latency', '-1'], '--latency must be a non-negative integer'],
  [['--error-rate', '2'], '--error-rate must be a number from 0 to 1'],
  [['--error-rate', ''], '--error-rate must be a number from 0 to 1'],
] as const)('runMock %j → exit 2 with a message', async ([argv, message]) => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => {
    errors.push(line);
  });
  expect(await runMock([...argv])).toBe(2);
  expect(errors.join('\n')).toContain(message);
});

test('runMock --deviation and --error-rate reach the running mock', async () => {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => {
    lines.push(line);
  });
  const signals = vi.spyOn(process, 'once').mockImplementation(() => process);
  expect(await runMock(['--port', '0', '--deviation', 'image-create-status-200', '--error-rate', '0.5'])).toBe(0);
  expect(signals).toHaveBeenCalledWith('SIGINT', expect.any(Function));
  const url = /listening on (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
  expect(lines.join('\n')).toContain('deviations: image-create-status-200');
  const post = () =>
    fetch(`${url}/v2/images`, {
      method: 'POST',
      headers: { 'x-auth-token': 'mock-token-project-a', 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
  expect((await post()).status).toBe(200);
  expect((await post()).status).toBe(500);
  const stop = signals.mock.calls.find(([event]) => event === 'SIGTERM')?.[1] as () => void;
  stop();
});
