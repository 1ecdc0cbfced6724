// Builds the GraphQL IDE (GraphiQL 5, its Monaco editors and their web workers) into
// gateway/ide/dist, which the gateway serves: `npm run build:ide`, run by `npm ci` (postinstall).
import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: path.join(here, 'app'),
  base: '/ide/',
  logLevel: 'warn',
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6_000,
    sourcemap: false,
  },
  worker: { format: 'es' },
});
