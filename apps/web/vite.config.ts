import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to dist/ and served by `ogoh serve`. No inline scripts or styles anywhere, so the server's
// CSP can say script-src 'self' and style-src 'self'.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A data: URI for a small asset would need img-src data: (allowed) but keeps CSS self-contained.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
