/**
 * Shared vitest settings. When TEST_RESULTS_DIR is set (by `npm test`), each package also writes a
 * JSON report there, from which `npm test` prints its closing `N passed, N failed` line.
 */
import type { ViteUserConfig } from 'vitest/config';

export function testConfig(pkg: string, extra: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  const dir = process.env.TEST_RESULTS_DIR;
  return {
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      // Sized for a loaded 2-core machine (CI, or three suites at once): a timeout only bites when
      // something is wrong, so it is generous; tests assert behaviour, never the clock.
      testTimeout: 300_000,
      hookTimeout: 600_000,
      expect: { poll: { timeout: 120_000, interval: 100 } },
      reporters: dir ? ['default', ['json', { outputFile: `${dir}/${pkg}.json` }]] : ['default'],
      ...extra,
    },
  };
}
