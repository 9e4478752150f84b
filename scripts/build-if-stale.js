#!/usr/bin/env node
// Runs before `npm start` and the CLIs (`npm run seed`, `token`, `projections`, `audit`): builds
// only when a source is newer than the last build, so a second run starts at once instead of
// spending seconds in tsc and Vite.
//
//   node scripts/build-if-stale.js          the service code (dist/): what the CLIs need
//   node scripts/build-if-stale.js --web    the service code and the web app (web/dist/): npm start
//
// "Newer" is by modification time against a stamp written after each successful build; folders
// count too, so a deleted or renamed file triggers a build. In the Docker image (no TypeScript,
// no tsconfig: only the built output) it does nothing: the code there was built by the image.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const withWeb = process.argv.includes('--web');
const at = (...parts) => path.join(root, ...parts);

const targets = [
  {
    name: 'service',
    stamp: at('dist', '.build-stamp'),
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    command: ['run', '-s', 'build:server'],
  },
  {
    name: 'web app',
    stamp: at('web', 'dist', '.build-stamp'),
    inputs: [
      'web/src',
      'src',
      'web/index.html',
      'web/tsconfig.json',
      'web/vite.config.mts',
      'package-lock.json',
    ],
    command: ['run', '-s', 'build:web'],
    only: withWeb,
  },
];

/** Built output without the means to build it: the runtime image. */
const prebuilt =
  fs.existsSync(at('dist')) &&
  (!fs.existsSync(at('tsconfig.build.json')) || !fs.existsSync(at('node_modules', 'typescript')));
if (prebuilt) process.exit(0);

/** The newest modification time under a file or folder (folders included), or 0 when absent. */
function newest(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  let latest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(entry))
      latest = Math.max(latest, newest(path.join(entry, child)));
  }
  return latest;
}

function stampTime(stamp) {
  try {
    return fs.statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

const npm = process.env.npm_execpath;
for (const target of targets) {
  if (target.only === false) continue;
  const built = stampTime(target.stamp);
  const changed = Math.max(...target.inputs.map((input) => newest(at(input))));
  if (built >= changed) continue;
  process.stderr.write(
    `build: the ${target.name} sources changed since the last build; building\n`,
  );
  // Taken before the build starts, so a file saved during the build makes the next run build again.
  const startedAt = new Date();
  const result = npm
    ? spawnSync(process.execPath, [npm, ...target.command], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', target.command, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.mkdirSync(path.dirname(target.stamp), { recursive: true });
  fs.writeFileSync(target.stamp, `${startedAt.toISOString()}\n`);
  fs.utimesSync(target.stamp, startedAt, startedAt);
}
