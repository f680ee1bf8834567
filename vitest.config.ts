import { defineConfig } from 'vitest/config';

// Two projects (STYLE.md §6): `unit` is the project's own tests (npm test); `conformance` runs the
// suites against a target (npm run conformance drives it through the CLI).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'generators/**/*.test.ts', 'mock/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/mutation.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        // The mutation run uses both cores for minutes: it runs alone, after the unit project (npm test).
        extends: true,
        test: {
          name: 'mutation',
          include: ['test/mutation.test.ts'],
          testTimeout: 900_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
          testTimeout: 120_000,
          // The import flows follow their jobs concurrently (src/run/flows/suite.ts): all seven at once, not vitest's
          // default five, so jobs that never end cost one job's time, not two. It must be set here: vitest does not
          // pass a maxConcurrency given to createVitest on to a project (measured: the project kept 5, and a smoke run
          // against the mock's job-never-ends deviation polled five jobs, then two more after the first five gave up).
          maxConcurrency: 16,
          // Test names come from `$name` in test.for, which vitest formats like an assertion value: cut at chai's
          // 40 characters by default, so Allure and JUnit folded distinct cases into one name. Names stay whole.
          chaiConfig: { truncateThreshold: 0 },
          // The suites share one engine (compiled specs, HTTP pools, the embedded mock) per worker: without
          // isolation each file does not load and compile the specs again (measured: import 18.5 s → see commit).
          isolate: false,
          // allure-vitest through vite's module runner, not Node's import: without isolation vitest imports the setup
          // files again for each test file, but one loaded from node_modules natively is cached and runs once per
          // worker, so its beforeAll (which installs Allure's runtime) ran for the first file only. When that file ran
          // no test (all filtered out by --only), every later file of the worker wrote no Allure attachment or label
          // (measured: `--only 'ims.*.job.success'` gave the five import flows 0 attachments; test/allure-concurrent).
          server: { deps: { inline: ['allure-vitest'] } },
        },
      },
    ],
  },
});
