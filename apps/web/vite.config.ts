import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const server = process.env.KEFU_DEV_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // ws: the live-update socket (/api/v1/realtime) goes through the same proxy.
      '/api': { target: server, ws: true },
      '/healthz': server,
      '/readyz': server,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Only libraries every page needs get a named chunk (long-lived cache across releases);
        // antd stays split by usage so the login page does not download the admin tables.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|dayjs)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
});
