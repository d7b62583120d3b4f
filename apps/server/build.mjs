// Bundles the server (with the shared contracts inlined) into dist/, and copies the migrations beside it.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {}).filter((d) => !d.startsWith('@kefu/'));

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', 'src/seed.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  sourcemap: true,
  external: [...external, ...external.map((d) => `${d}/*`)],
  logLevel: 'warning',
});
fs.cpSync('migrations', 'dist/migrations', { recursive: true });
console.log('server built: apps/server/dist');
