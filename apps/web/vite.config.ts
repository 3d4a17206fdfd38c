import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // The locale lives in a cookie (set by the 中文/English switch); without one, Simplified Chinese.
      strategy: ['cookie', 'baseLocale'],
    }),
  ],
  ssr: {
    // The workspace libraries with I/O (pg, argon2's native binding, bullmq, ioredis) stay external:
    // a native `.node` file cannot be bundled, and their third-party dependencies resolve only from
    // the library's own folder under pnpm. Node loads them at run time from node_modules/@supervise/*
    // (built to dist). The pure @supervise/core is bundled. @supervise/documents stays external too:
    // pdfkit reads its font metrics from its own folder at run time.
    external: ['@supervise/db', '@supervise/queue', '@supervise/documents'],
  },
});
