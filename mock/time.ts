/** Time formats the documents use. */

/** 002 example "2016-06-02T07:49:48Z": UTC, seconds, `Z`. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Job query example "2024-11-06T06:19:43.195Z". */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** 003/004 updated_at: "Time format: UTC YYYY-MM-DDTHH:MM:SS.XXXXXX". */
export function evsTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}
