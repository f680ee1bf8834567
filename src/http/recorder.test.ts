import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Exchange } from '../model/exchange.js';
import { createRecorder } from './recorder.js';

const dir = mkdtempSync(join(tmpdir(), 'ims-recorder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exchange = (id: string): Exchange => ({
  id,
  service: 'ims',
  request: { method: 'GET', url: 'http://h/', headers: {} },
  startedAt: '2024-03-05T00:00:00.000Z',
  durationMs: 0,
  attempts: 1,
});

describe('createRecorder', () => {
  test('keeps the newest `limit` exchanges in memory and counts all', () => {
    const recorder = createRecorder({ limit: 2 });
    for (const id of ['x1', 'x2', 'x3']) {
      recorder.record(exchange(id));
    }
    expect(recorder.exchanges().map((e) => e.id)).toEqual(['x2', 'x3']);
    expect(recorder.total).toBe(3);
    expect(recorder.find('x1')).toBeUndefined();
    expect(recorder.find('x3')?.id).toBe('x3');
  });

  test('appends every exchange as one JSON line, dropped ones included', () => {
    const file = join(dir, 'run.jsonl');
    const recorder = createRecorder({ limit: 1, file });
    recorder.record(exchange('x1'));
    recorder.record(exchange('x2'));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as Exchange).id)).toEqual(['x1', 'x2']);
  });
});
