/** Renders reports/bench.md from the results (bench.json holds the same numbers, unrounded). */
import type { LoadResult } from './http-load.js';
import type { BenchResults } from './results.js';

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function statuses(r: LoadResult): string {
  return Object.entries(r.statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
}

function httpSection(results: BenchResults): string[] {
  const http = results.http;
  if (!http) {
    return ['## Mock throughput', '', 'not measured (section skipped).', ''];
  }
  const ref = new Map(http.results.filter((r) => r.server === 'reference').map((r) => [r.connections, r]));
  const rows = http.results.map((r) => {
    const base = ref.get(r.connections);
    const ratio = r.server === 'reference' || !base || base.rps === 0 ? '—' : `${f0((r.rps / base.rps) * 100)} %`;
    return [
      r.server === 'reference' ? `**reference** (bare node:http, 201, ${http.referenceBodyBytes} B)` : r.scenario,
      String(r.connections),
      f0(r.rps),
      f1(r.p50Ms),
      f1(r.p99Ms),
      ratio,
      statuses(r),
      String(r.unexpected + r.errors),
      r.repetitions ? r.repetitions.map(f0).join(' / ') : '',
    ];
  });
  return [
    '## Mock throughput (autocannon, loopback, server in its own process)',
    '',
    `${http.seconds} s per measurement after a 0.3 s warm-up; concurrency = autocannon connections (${http.connections.join(', ')}), ` +
      'no pipelining. req/s = responses / duration; latency in ms; "vs ref" = req/s as a share of the bare ' +
      'reference at the same concurrency; "off" = responses with another status than the scenario expects, plus errors. ' +
      'The reference and POST /v2/images valid are measured alternately three times per concurrency and the median ' +
      'is shown (every repetition in the last column); other scenarios once. autocannon records latency in whole ms.',
    '',
    table(['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'vs ref', 'statuses', 'off', 'repetitions req/s'], rows),
    '',
    'Scenarios:',
    '',
    ...http.scenarios.map((s) => `- **${s.name}** (${s.operation}, expects ${s.expectStatus}): ${s.note ?? ''}`),
    '',
  ];
}

function offlineSection(results: BenchResults): string[] {
  const o = results.offline;
  if (!o) {
    return ['## Suite throughput offline', '', 'not measured (section skipped).', ''];
  }
  const busy = o.generateMs + o.validateMs + o.checkMs;
  const share = (ms: number) => `${f0(ms)} ms (${f0((ms / busy) * 100)} %)`;
  return [
    '## Suite throughput offline (no network)',
    '',
    `Every operation, standard-depth mix per round (15 valid per body variant, 3 per constraint × violation kind, ` +
      `every boundary); each case validated (ajv request schema + evaluateRequest) and checked (runChecks, every ` +
      `registered check) on a synthetic exchange with the document's example response. One cold round first, then ` +
      `rounds until the budget is spent.`,
    '',
    table(
      ['measure', 'value'],
      [
        ['cases/second (steady)', `**${f0(o.casesPerSecond)}**`],
        [
          'cases (valid / invalid / boundary)',
          `${f0(o.cases)} (${f0(o.valid)} / ${f0(o.invalid)} / ${f0(o.boundary)})`,
        ],
        ['rounds, time', `${o.rounds}, ${f0(o.ms)} ms`],
        ['cold first round', `${f0(o.warmup.cases)} cases in ${f0(o.warmup.ms)} ms = ${f0(o.warmup.casesPerSecond)}/s`],
        ['generate (fast-check, incl. filters)', share(o.generateMs)],
        ['validate (ajv + evaluateRequest)', share(o.validateMs)],
        ['check (runChecks)', share(o.checkMs)],
        ['disagreements (should be 0)', String(o.disagreements)],
        ['(constraint, kind) pairs without a case', String(o.generationFailures)],
      ],
    ),
    '',
    table(
      ['operation', 'cases', 'ms', 'cases/s'],
      o.byOperation.map((b) => [b.operation, f0(b.cases), f0(b.ms), f0(b.casesPerSecond)]),
    ),
    '',
  ];
}

function e2eSection(results: BenchResults): string[] {
  const rows = results.e2e.map((r) => [
    r.depth,
    f1(r.wallMs / 1000),
    f0(r.cases),
    f1(r.casesPerSecond),
    r.peakProcessRssMb === undefined ? '—' : f0(r.peakProcessRssMb),
    r.peakTreeRssMb === undefined ? '—' : f0(r.peakTreeRssMb),
    `${r.exitCode ?? 'signal'}${r.timedOut ? ' (timed out)' : ''}`,
  ]);
  const m = results.mutation;
  return [
    '## End to end (`node bin/ims-conformance.js run --depth D --no-html --report-dir <tmp>`, embedded mock)',
    '',
    'cases = records in <tmp>/records/*.jsonl; peak process RSS = largest single process (GNU time -v); peak tree ' +
      'RSS = summed VmRSS of the run and its vitest forks, sampled every 100 ms. Exit 1 = some checks failed ' +
      '(findings against the mock), not a benchmark error.',
    '',
    table(['depth', 'wall s', 'cases', 'cases/s', 'peak process RSS MB', 'peak tree RSS MB', 'exit'], rows),
    '',
    m.measured
      ? `Mutation (\`node bin/ims-conformance.js mutation\`): ${f1(m.wallMs / 1000)} s wall, ` +
        `peak process RSS ${m.peakProcessRssMb === undefined ? '—' : `${f0(m.peakProcessRssMb)} MB`}, ` +
        `peak tree RSS ${m.peakTreeRssMb === undefined ? '—' : `${f0(m.peakTreeRssMb)} MB`}, exit ${m.exitCode}.` +
        (m.exitCode === 0 ? '' : ` Last lines of its stderr:\n\n\`\`\`\n${m.stderrTail}\n\`\`\``)
      : `Mutation: ${m.reason}.`,
    '',
  ];
}

function profileSection(results: BenchResults): string[] {
  const out: string[] = ['## Hot spots (self time, node --cpu-prof, summed by function + script)', ''];
  for (const [key, p] of Object.entries(results.profiles)) {
    out.push(
      `### ${key}: ${p.what}`,
      '',
      `${p.files.length} profile file(s) in reports/profiles/${key}; busy ${f0(p.busyMs)} ms, idle ${f0(p.idleMs)} ms.`,
      '',
      table(
        ['#', 'function (file:line)', 'self ms', '% busy'],
        p.top.map((h, i) => [String(i + 1), h.name, f0(h.selfMs), f1(h.percent)]),
      ),
      '',
      'By area (self time summed per package or project folder):',
      '',
      table(
        ['area', 'self ms', '% busy'],
        p.areas.map((h) => [h.name, f0(h.selfMs), f1(h.percent)]),
      ),
      '',
    );
  }
  return out;
}

/** The whole bench.md. */
export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const targets = table(
    ['target', 'measured', 'met'],
    results.targets.map((t) => [t.target, t.measured, t.met === true ? 'yes' : t.met === false ? '**no**' : t.met]),
  );
  return [
    `# ims-conformance benchmarks${m.quick ? ' (--quick)' : ''}`,
    '',
    `${m.date} · commit ${m.commit} · ${m.cpus} × ${m.cpuModel} · ${f0(m.totalMemoryMb)} MB · Node ${m.node} · ` +
      `${m.platform} · load average at start ${m.loadAverage.map(f2).join(' / ')}`,
    '',
    '## Targets',
    '',
    targets,
    '',
    ...(results.notes.length > 0 ? ['Notes:', '', ...results.notes.map((n) => `- ${n}`), ''] : []),
    ...httpSection(results),
    ...offlineSection(results),
    ...e2eSection(results),
    ...profileSection(results),
  ].join('\n');
}
