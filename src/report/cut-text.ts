/**
 * Bodies in reports are cut at a documented size, with a marker saying so: a target answering megabytes must not
 * turn into gigabytes of reports (each Allure attachment and each record would otherwise keep the whole body).
 */

/** Characters of a response or request body kept in an attachment, a record or a report section (README "Reports"). */
export const REPORT_BODY_LIMIT = 16 * 1024;

/** `text`, or its first `max` characters followed by a marker naming how much was left out. */
export function cutText(text: string, max = REPORT_BODY_LIMIT): string {
  if (text.length <= max) {
    return text;
  }
  return `${text.slice(0, max)}\n… [cut by ims-conformance: ${max} of ${text.length} characters kept]`;
}
