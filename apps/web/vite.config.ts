import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './compress';

// `npm start` serves the production build from the API server (same origin, so the session
// cookie and CSP 'self' just work). `npm run dev -w @tayninh/web` proxies /api to it.
export default defineConfig({
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
