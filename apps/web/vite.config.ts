import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT || 3000}`;
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  plugins: [react()],
  server: { port: Number(process.env.WEB_PORT || 5173), proxy },
  preview: { port: Number(process.env.WEB_PORT || 4173), proxy },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
});
