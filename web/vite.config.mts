import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The budget for what the browser must download before the first screen. */
const INITIAL_JS_BUDGET_KB = 300;

/**
 * Prints the gzipped size of the JavaScript loaded up front (the entry chunk
 * and its static imports; lazily loaded charts excluded) and fails the build
 * when it is over budget.
 */
function initialJavaScriptBudget(): Plugin {
  return {
    name: 'initial-javascript-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [[output.fileName, output] as const] : [])));
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        chunks.get(fileName)?.imports.forEach(visit);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      const bytes = [...initial].reduce((sum, fileName) => sum + gzipSync(chunks.get(fileName)!.code).length, 0);
      const kb = (bytes / 1024).toFixed(1);
      process.stdout.write(`\ndashboard initial JavaScript: ${kb} kB gzipped (budget ${INITIAL_JS_BUDGET_KB} kB)\n`);
      if (bytes > INITIAL_JS_BUDGET_KB * 1024) this.error(`initial JavaScript is ${kb} kB gzipped, over the ${INITIAL_JS_BUDGET_KB} kB budget`);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [initialJavaScriptBudget()],
  // npm run dev:web: the API (npm start) stays the origin of record; Vite forwards to it.
  server: { proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // React libraries mark modules "use client" for server components; a client-only bundle has nothing to preserve.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
