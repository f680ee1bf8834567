/** Time formats the documents use. */

let cachedSecond = Number.NaN;
let cachedText = '';

/** 002 example "2016-06-02T07:49:48Z": UTC, seconds, `Z`. The last second's text is reused (hot path). */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return cachedText;
}

/** Job query example "2024-11-06T06:19:43.195Z". */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** 003/004 updated_at: "Time format: UTC YYYY-MM-DDTHH:MM:SS.XXXXXX". */
export function evsTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}
