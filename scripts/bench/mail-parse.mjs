// Parse cost per message: our parseMail (charset repair, sanitizing, quote folding, bounce and
// auto-reply detection on top of mailparser) against mailparser's own simpleParser on the same corpus
// (the committed fixtures of apps/server/src/platform/mail/parse/fixtures, none of the huge ones).
// Called by mail.bench.mjs; also runnable alone: node scripts/bench/mail-parse.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'apps/server/src/platform/mail/parse/fixtures');

/** Bundles the parse module the way apps/server/build.mjs bundles the server (dependencies external). */
async function loadParseModule() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'apps/server/package.json'), 'utf8'));
  const external = Object.keys(pkg.dependencies ?? {});
  const outfile = path.join(root, '.tmp/bench/mail-parse.bundle.mjs');
  await build({
    entryPoints: [path.join(root, 'apps/server/src/platform/mail/parse/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: [...external, ...external.map((d) => `${d}/*`)],
    logLevel: 'warning',
  });
  // Resolve the externals from the server's dependencies, as the built server does.
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/**
 * Wall and CPU milliseconds per message of `parse` over `corpus`, repeated until `minMs` has passed.
 * CPU time is the steadier figure on a shared machine; wall time is what a caller waits.
 */
async function perMessage(parse, corpus, minMs) {
  let messages = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < minMs) {
    for (const raw of corpus) await parse(raw);
    messages += corpus.length;
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - started) / messages, cpu: (cpu.user + cpu.system) / 1000 / messages };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureParseCost({ log = console.log, rounds = 5, roundMs = 1500 } = {}) {
  const { parseMail } = await loadParseModule();
  const { simpleParser } = await import('mailparser');
  const corpus = fs.readdirSync(fixtures).filter((f) => f.endsWith('.eml')).sort().map((f) => fs.readFileSync(path.join(fixtures, f)));
  const bytes = corpus.reduce((n, raw) => n + raw.length, 0);
  // Warm both up (JIT, lazy requires), then alternate rounds so drift on a shared machine hits both.
  await perMessage(parseMail, corpus, 500);
  await perMessage((raw) => simpleParser(raw), corpus, 500);
  const ours = [];
  const raw = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(await perMessage(parseMail, corpus, roundMs));
    raw.push(await perMessage((m) => simpleParser(m), corpus, roundMs));
  }
  const result = {
    messages: corpus.length,
    bytes,
    oursMsPerMessage: median(ours.map((r) => r.wall)),
    rawMsPerMessage: median(raw.map((r) => r.wall)),
    oursCpuMsPerMessage: median(ours.map((r) => r.cpu)),
    rawCpuMsPerMessage: median(raw.map((r) => r.cpu)),
  };
  result.ratio = result.oursMsPerMessage / result.rawMsPerMessage;
  result.cpuRatio = result.oursCpuMsPerMessage / result.rawCpuMsPerMessage;
  log(`mail parse cost — ${corpus.length} fixture messages (${(bytes / 1024).toFixed(0)} KB), median of ${rounds} rounds`);
  log(`  parseMail (ours)         ${result.oursMsPerMessage.toFixed(3)} ms/message wall, ${result.oursCpuMsPerMessage.toFixed(3)} ms CPU`);
  log(`  mailparser simpleParser  ${result.rawMsPerMessage.toFixed(3)} ms/message wall, ${result.rawCpuMsPerMessage.toFixed(3)} ms CPU`);
  log(`  ratio ours/raw           ${result.ratio.toFixed(2)}× wall, ${result.cpuRatio.toFixed(2)}× CPU`);
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await measureParseCost();
}
