import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The web app's first-load budget: every script index.html loads (the entry and its
 * modulepreloads), gzipped at level 9 as a server would send them. Budget: ≤ 250 kB of JS.
 * Run `npm run bench:web` (it builds web/dist first); the figure is written to bench/README.md.
 */
const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'web/dist');
const README = path.join(ROOT, 'bench/README.md');
const BUDGET_KB = 250;

const index = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const scripts = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const rows = scripts.map((file) => {
  const bytes = readFileSync(path.join(DIST, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const all = readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
const total = rows.reduce((sum, r) => sum + r.gzip, 0);
const kb = (n: number) => (n / 1024).toFixed(1);
const verdict = total / 1024 <= BUDGET_KB ? 'within' : 'OVER';
const section = [
  '## Web app first load (`npm run bench:web`)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)}: scripts loaded by \`index.html\` (${rows.length} of ${all.length} built chunks), gzip level 9.`,
  '',
  '| file | raw kB | gzip kB |',
  '|---|---:|---:|',
  ...rows.map((r) => `| \`${r.file}\` | ${kb(r.raw)} | ${kb(r.gzip)} |`),
  `| **first load** | | **${kb(total)}** |`,
  '',
  `Budget ≤ ${BUDGET_KB} kB compressed JS: **${verdict}** the budget.`,
  '',
].join('\n');

const readme = readFileSync(README, 'utf8');
const start = readme.indexOf('## Web app first load');
const next = start < 0 ? -1 : readme.indexOf('\n## ', start + 1);
const updated =
  start < 0
    ? `${readme.trimEnd()}\n\n${section}`
    : `${readme.slice(0, start)}${section}${next < 0 ? '' : readme.slice(next + 1)}`;
writeFileSync(README, updated.endsWith('\n') ? updated : `${updated}\n`);
process.stdout.write(`${section}\n`);
if (verdict === 'OVER') process.exitCode = 1;
