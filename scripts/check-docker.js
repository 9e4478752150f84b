#!/usr/bin/env node
// What `npm run lint:docker` checks beyond the generic linters (dockerfile-utils: Dockerfile
// syntax; dclint: the compose schema and its rules), i.e. the promises the README makes about the
// image and the stack. No Docker engine runs where this project is built, so these checks and the
// linters are all the validation the Docker files get in CI.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '..');
const problems = [];
const fail = (file, message) => problems.push(`${file}: ${message}`);

/** An image reference with a version tag (`name:1.2.3…`), not `latest` nor a bare major (`name:24`). */
function pinned(image) {
  const tag = /:([^/:@]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest' && /^v?\d+\.\d+/.test(tag);
}

// --- docker/Dockerfile
{
  const file = 'docker/Dockerfile';
  const lines = fs
    .readFileSync(path.join(root, file), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args = Object.fromEntries(
    lines
      .map((line) => /^ARG\s+(\w+)=(\S+)/i.exec(line))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
  const stages = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      stages.push({ image: from[1], name: from[2], lines: [] });
      continue;
    }
    stages.at(-1)?.lines.push(line);
  }
  const names = new Set(stages.map((s) => s.name).filter(Boolean));
  for (const stage of stages) {
    const image = stage.image.replace(/^\$\{?(\w+)\}?$/, (_, arg) => args[arg] ?? _);
    if (!names.has(image) && !pinned(image))
      fail(file, `FROM ${stage.image}: base image not pinned to a version tag`);
    if (!names.has(image) && !/^node:24(\.|-|$)/.test(image))
      fail(file, `FROM ${image}: the image is built on Node 24`);
  }
  if (stages.length < 3) fail(file, 'expected a multi-stage build (deps → build → runtime)');
  const runtime = stages.at(-1) ?? { lines: [] };
  const user = runtime.lines.filter((l) => /^USER\s/i.test(l)).at(-1);
  if (!user || /^USER\s+(root|0)(:|\s|$)/i.test(user))
    fail(file, 'the runtime stage must switch to a non-root USER');
  if (!runtime.lines.some((l) => /^HEALTHCHECK\s.*\/health/i.test(l)))
    fail(file, 'the runtime stage needs a HEALTHCHECK on /health');
  for (const line of lines.filter((l) => /^RUN\s/i.test(l))) {
    if (/\bnpm\s+(install|i)\b/.test(line))
      fail(file, `${line}: use npm ci (the lockfile), not npm install`);
    if (/\bnpm\s+ci\b[^&|;]*\|\|/.test(line)) fail(file, `${line}: npm ci with a fallback`);
  }
  if (!runtime.lines.some((l) => /npm ci\b.*--omit=dev|--from=prod-deps/.test(l)))
    fail(file, 'the runtime stage must carry production dependencies only');
}

// --- docker/compose.yml
{
  const file = 'docker/compose.yml';
  const compose = YAML.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  const services = compose.services ?? {};
  for (const [name, service] of Object.entries(services)) {
    if (!service.build && !pinned(service.image ?? ''))
      fail(file, `${name}: image ${service.image} not pinned to a version tag`);
    if (!service.restart) fail(file, `${name}: no restart policy`);
    if (!service.healthcheck?.test) fail(file, `${name}: no healthcheck`);
    for (const port of service.ports ?? []) {
      const published = String(typeof port === 'object' ? port.published : port.split(':').at(-2));
      if (/^(5432|6379)$/.test(published) || /:-?(5432|6379)\}/.test(published))
        fail(
          file,
          `${name}: publishes ${port}, which clashes with a PostgreSQL or Redis on the host`,
        );
    }
  }
  for (const name of ['postgres', 'redis'])
    if (services[name]?.ports?.length)
      fail(file, `${name}: keep it on the compose network (no ports)`);
  const kurrent = services.kurrentdb;
  if (!kurrent) fail(file, 'no kurrentdb service');
  else if (!(kurrent.profiles ?? []).includes('kurrentdb'))
    fail(file, 'kurrentdb: start it only in the "kurrentdb" profile');
  if (services.app?.depends_on?.kurrentdb)
    fail(file, 'app: must not depend on kurrentdb (a profile service); it waits for it at start');
}

if (problems.length > 0) {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(1);
}
process.stdout.write('docker: Dockerfile and compose.yml keep the README’s promises\n');
