import { afterEach, expect, test } from 'vitest';
import { type PrintSink, printError, printInfo, printWarning, setPrintSink, useColour } from './print.js';

function capture(isTTY: boolean): { sink: PrintSink; text: () => string } {
  let text = '';
  return {
    sink: {
      isTTY,
      write: (chunk: string) => {
        text += chunk;
      },
    },
    text: () => text,
  };
}

let previous: PrintSink | undefined;
afterEach(() => {
  if (previous !== undefined) {
    setPrintSink(previous);
  }
});

test('colour only on a terminal with NO_COLOR unset or empty', () => {
  expect(useColour({ isTTY: true, write: () => true }, {})).toBe(true);
  expect(useColour({ isTTY: true, write: () => true }, { NO_COLOR: '' })).toBe(true);
  expect(useColour({ isTTY: true, write: () => true }, { NO_COLOR: '1' })).toBe(false);
  expect(useColour({ isTTY: false, write: () => true }, {})).toBe(false);
  expect(useColour({ write: () => true }, {})).toBe(false);
});

test('✘ for errors, ⚠ for warnings, plain info; no escape codes off a terminal', () => {
  const out = capture(false);
  previous = setPrintSink(out.sink);
  printError('broken');
  printWarning('careful');
  printInfo('done');
  expect(out.text()).toBe('✘ broken\n⚠ careful\ndone\n');
});

test('on a terminal the mark is coloured, the message is not', () => {
  const saved = process.env.NO_COLOR;
  delete process.env.NO_COLOR;
  try {
    const out = capture(true);
    previous = setPrintSink(out.sink);
    printError('broken');
    expect(out.text()).toBe('\u001b[31m✘\u001b[0m broken\n');
  } finally {
    if (saved !== undefined) {
      process.env.NO_COLOR = saved;
    }
  }
});
