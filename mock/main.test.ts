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
] as const)('runMock %j → exit 2 with a message', async ([argv, message]) => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => {
    errors.push(line);
  });
  expect(await runMock([...argv])).toBe(2);
  expect(errors.join('\n')).toContain(message);
});
