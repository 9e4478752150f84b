import { defineConfig } from 'vite';

// The web app: built into web/dist and served by the NestJS service at `/` (src/web/serve-web-app.ts).
// JSX is compiled by Vite's own transformer (oxc) with React's automatic runtime.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      // React Query marks its modules "use client" (for server components); meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run web:dev`: the API on :3000, proxied.
    proxy: Object.fromEntries(
      [
        '/auth',
        '/inbox',
        '/cases',
        '/cadres',
        '/catalog',
        '/org-units',
        '/positions',
        '/audit',
        '/discipline-records',
        '/discipline-cases',
        '/admin',
      ].map((path) => [path, { target: 'http://127.0.0.1:3000', bypass: htmlBypass }]),
    ),
    fs: { allow: ['..'] },
  },
});

function htmlBypass(request: { headers: Record<string, string | string[] | undefined> }) {
  return String(request.headers.accept ?? '').includes('text/html') ? '/index.html' : undefined;
}
