import { defineConfig } from 'vitest/config';
import { testConfig } from '../../vitest.shared.js';

// Plain vitest (no SvelteKit plugin): the specs test pure helpers, the db repositories and the BUILT
// server in a browser, so they need no Vite transforms of the app.
export default defineConfig(
  testConfig('web', {
    // The browser test starts a server and a browser; give it room on a 2-core machine.
    testTimeout: 600_000,
    hookTimeout: 900_000,
  }),
);
