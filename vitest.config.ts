import { configDefaults, defineConfig } from 'vitest/config';

/** The tests that drive headless chromium against a running service (src/web/*browser.test.ts). */
const browserTests = ['src/**/browser.test.ts', 'src/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...browserTests],
        },
      },
      {
        // The browser tests run on their own, after the rest, and one file at a time: chromium,
        // the service and the test compete for CPU with nothing else (the content editor's file
        // runs two instances and a quality check), so CI's two cores give timings like a
        // developer's machine. Waits are on conditions (Playwright's locators, expect.poll); polls get the same
        // ten seconds as a Playwright action, since one step may wait on a server round trip and a
        // WebSocket frame.
        extends: true,
        test: {
          name: 'browser',
          include: browserTests,
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
