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
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters: dir ? ['default', ['json', { outputFile: `${dir}/${pkg}.json` }]] : ['default'],
      ...extra,
    },
  };
}
