/**
 * Allure labels and attachments for one conformance case, through the allure-js-commons runtime that
 * allure-vitest installs in each worker. Without the allure reporter (a plain `vitest run`) every
 * call is skipped: no runtime, no output (allure's own no-op runtime would log a warning per call).
 * @see node_modules/allure-vitest/README.md "Allure API"
 */
import { getGlobalTestRuntime, type TestRuntime } from 'allure-js-commons/sdk/runtime';
import type { ResolvedCitation } from '../model/spec.js';
import type { ProfileDifference, Severity } from '../model/verdict.js';
import { cutText } from './cut-text.js';
import { scrubSecrets } from './scrub-secrets.js';

/** Allure's severity label values. */
export type AllureSeverity = 'blocker' | 'critical' | 'normal' | 'minor' | 'trivial';

export interface AllureCaseInput {
  /** `ims` or `evs`: the epic. */
  readonly service: string;
  /** Operation id, e.g. `ims.dataimage`: the feature. */
  readonly operation: string;
  /** Constraint id, e.g. `ims.dataimage.min_disk.range`: the story. */
  readonly constraintId: string;
  /** A check severity (`failure` → critical, `warning` → minor) or an Allure severity as is. */
  readonly severity: Severity | AllureSeverity;
  readonly citation: ResolvedCitation;
  /** A difference the run's profile documents for this case's constraint: tagged `differs`, named in the description. */
  readonly difference?: ProfileDifference;
  /** Request body (or a summary of the request); attached as JSON. */
  readonly request?: unknown;
  /** Response body; attached as JSON when it is JSON, as text otherwise. */
  readonly response?: unknown;
  /** A curl line that replays the case (already redacted). */
  readonly curl?: string;
  /** Where the documents are served, e.g. a repository URL of docs/seeds: adds a link to the document. */
  readonly docsBaseUrl?: string;
  /** Secrets scrubbed from every attachment, a second time. */
  readonly secrets?: readonly string[];
}

/** The part of allure's runtime this module uses (a test can hand in a recorder). */
export type AllureSink = Pick<TestRuntime, 'labels' | 'links' | 'description' | 'attachment'>;

// allure-js-commons keeps the runtime under this global key (sdk/runtime/runtime.js,
// ALLURE_TEST_RUNTIME_KEY); allure-vitest's setup file sets it in a beforeAll.
const runtimeKey = 'allureTestRuntime';

/** The allure runtime of this worker, or undefined when the allure reporter is not active. */
export function activeAllureRuntime(): AllureSink | undefined {
  const holder = (globalThis as Record<string, unknown>)[runtimeKey];
  return typeof holder === 'function' ? getGlobalTestRuntime() : undefined;
}

/**
 * Labels (epic = service, feature = operation, story = constraint, severity; tag `warning` / `differs`), a
 * description with the citation, a link to the constraint's passage in compliance.html (and to the document when
 * `docsBaseUrl` is given), and one `exchange` attachment: the request, response and curl.
 * @returns whether anything was recorded (false outside allure)
 */
export async function allureCase(
  input: AllureCaseInput,
  runtime: AllureSink | undefined = activeAllureRuntime(),
): Promise<boolean> {
  if (runtime === undefined) {
    return false;
  }
  const secrets = input.secrets ?? [];
  await runtime.labels(
    { name: 'epic', value: input.service },
    { name: 'feature', value: input.operation },
    { name: 'story', value: input.constraintId },
    { name: 'severity', value: allureSeverity(input.severity) },
    ...(input.difference === undefined ? [] : [{ name: 'tag', value: 'differs' }]),
    // A warning passes the vitest case; the tag is what files it under Allure's "Erratum warning" category.
    ...(input.severity === 'warning' ? [{ name: 'tag', value: 'warning' }] : []),
  );
  const differs =
    input.difference === undefined
      ? ''
      : `\n\n**Differs (profile ${input.difference.profile})**: ${input.difference.reason} — ${input.difference.citation}`;
  await runtime.description(citationMarkdown(input.constraintId, input.citation) + differs);
  // The constraint's passage in compliance.html, which sits beside allure-report/ in the report folder.
  await runtime.links({
    url: complianceHtmlLink(input.constraintId),
    name: `${input.citation.doc}, ${input.citation.section} (annotated document)`,
    type: 'link',
  });
  if (input.docsBaseUrl !== undefined) {
    const url = `${input.docsBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(input.citation.doc)}`;
    await runtime.links({ url, name: `${input.citation.doc}, ${input.citation.section}`, type: 'link' });
  }
  // One attachment per case (request, response and curl as sections): allure-js-commons writes each attachment
  // to its own file with an fsync, so three per case cost three syncs on every case of a run.
  // Request and response are cut at REPORT_BODY_LIMIT with a marker (a target answering megabytes would otherwise
  // put each whole body into the results, and again into the HTML report); the curl line is the suite's own request.
  const sections: string[] = [];
  if (input.request !== undefined) {
    sections.push(`request (application/json)\n${cutText(asJson(input.request))}`);
  }
  if (input.response !== undefined) {
    const { text, contentType } = responseAttachment(input.response);
    sections.push(`response (${contentType})\n${cutText(text)}`);
  }
  if (input.curl !== undefined) {
    sections.push(`curl\n${input.curl}`);
  }
  if (sections.length > 0) {
    await runtime.attachment('exchange', scrubSecrets(sections.join('\n\n'), secrets), { contentType: 'text/plain' });
  }
  return true;
}

/**
 * The link from an Allure result to its constraint's passage in compliance.html: under `IMS_REPORT_URL` (where the
 * report folder is published, e.g. a nightly's pages URL) when it is set, else relative to allure-report/index.html.
 * Allure 3's report makes only http(s) links clickable (its UI's URL check), so the relative form shows as text
 * there; Allure 2 readers follow it.
 */
export function complianceHtmlLink(constraintId: string, base = process.env.IMS_REPORT_URL): string {
  const page = base === undefined || base === '' ? '..' : base.replace(/\/+$/, '');
  return `${page}/compliance.html#c=${encodeURIComponent(constraintId)}`;
}

/** `failure` → critical, `warning` → minor; an Allure severity passes through. */
export function allureSeverity(severity: Severity | AllureSeverity): AllureSeverity {
  if (severity === 'failure') {
    return 'critical';
  }
  return severity === 'warning' ? 'minor' : severity;
}

/** The description: constraint id, the quoted words, and where they stand. */
export function citationMarkdown(constraintId: string, citation: ResolvedCitation): string {
  return `Constraint \`${constraintId}\`\n\n> ${citation.quote.replace(/\n/g, '\n> ')}\n\n— ${citation.doc}, ${citation.section}`;
}

function asJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function responseAttachment(body: unknown): { text: string; contentType: string } {
  if (typeof body !== 'string') {
    return { text: JSON.stringify(body, null, 2), contentType: 'application/json' };
  }
  try {
    JSON.parse(body);
    return { text: body, contentType: 'application/json' };
  } catch {
    return { text: body, contentType: 'text/plain' };
  }
}

/** The reporter entry and setup file for a vitest config that writes allure results to `resultsDir`. */
export function allureReporterConfig(resultsDir: string): {
  reporter: readonly ['allure-vitest/reporter', { readonly resultsDir: string }];
  setupFiles: readonly ['allure-vitest/setup'];
} {
  // allure-vitest 3.12's reporter adds its setup file itself when missing (README "Usage"); listing it
  // is harmless and keeps a config that names the reporter some other way working.
  return { reporter: ['allure-vitest/reporter', { resultsDir }], setupFiles: ['allure-vitest/setup'] };
}
