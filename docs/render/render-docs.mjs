#!/usr/bin/env node
// `npm run docs`: renders asyncapi.yaml to HTML with the pinned @asyncapi/html-template, offline.
//
//   node docs/render/render-docs.mjs [--output DIR]     (default target/asyncapi-html)
//
// The template cannot show what an architect reviews in an Avro payload (see avro-json-schema.mjs), so
// this renders a copy of the document whose payloads are the .avsc files converted to JSON Schema with
// every logical type, doc and type name kept. The copy is written next to the HTML as
// asyncapi.rendered.yaml; asyncapi.yaml itself, with its Avro payloads, stays the contract.
// On a fresh clone it first runs `npm ci`, so the command works as the README writes it.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AvroNames, toJsonSchema } from './avro-json-schema.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCUMENT = join(ROOT, 'asyncapi.yaml');
const TEMPLATE = join(ROOT, 'node_modules/@asyncapi/html-template');
const CLI = join(ROOT, 'node_modules/.bin/asyncapi');
const AVRO_FORMAT = 'application/vnd.apache.avro';
// CI=true stops the CLI's analytics call; PUPPETEER_SKIP_DOWNLOAD stops an install script fetching a browser.
const TOOL_ENV = { ...process.env, CI: 'true', PUPPETEER_SKIP_DOWNLOAD: 'true' };
// Examples open: they show the JSON form that every field's format refers to.
const TEMPLATE_CONFIG = JSON.stringify({ expand: { messageExamples: true } });
const OPEN_PAYLOADS = 'open-payloads.js';

async function main(args) {
  const output = resolve(optionValue(args, '--output') ?? join(ROOT, 'target/asyncapi-html'));
  installToolsIfMissing();
  const rendered = join(output, 'asyncapi.rendered.yaml');
  mkdirSync(output, { recursive: true });
  writeFileSync(rendered, await renderDocument());
  const result = spawnSync(
    CLI,
    ['generate', 'fromTemplate', rendered, TEMPLATE, '-o', output, '--force-write', '--registry-url=',
      '--no-interactive', '-p', `config=${TEMPLATE_CONFIG}`],
    { cwd: ROOT, env: TOOL_ENV, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    fail(`the AsyncAPI generator failed (exit ${result.status ?? result.signal}); its output is above.`);
  }
  openPayloadsOnLoad(output);
  console.log(`docs: ${relative(process.cwd(), join(output, 'index.html')) || 'index.html'}`);
}

/** Adds open-payloads.js to the page, after the template's own scripts. */
function openPayloadsOnLoad(output) {
  const page = join(output, 'index.html');
  const html = readFileSync(page, 'utf8');
  if (!html.includes('</body>')) {
    fail(`${page} has no </body>; the html-template's output changed, so update render-docs.mjs.`);
  }
  copyFileSync(join(dirname(fileURLToPath(import.meta.url)), OPEN_PAYLOADS), join(output, 'js', OPEN_PAYLOADS));
  writeFileSync(page, html.replace('</body>', `<script src="js/${OPEN_PAYLOADS}"></script>\n</body>`));
}

function installToolsIfMissing() {
  if (existsSync(CLI) && existsSync(TEMPLATE) && existsSync(join(ROOT, 'node_modules/yaml'))) {
    return;
  }
  console.log('docs: installing the pinned tools first (npm ci, about a minute)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, env: TOOL_ENV, stdio: 'inherit' });
  if (npm.status !== 0) {
    fail(`\`npm ci\` failed in ${ROOT}; it needs Node.js 18+ and the npm registry (output above).`);
  }
}

/** asyncapi.yaml with each Avro payload replaced by its JSON Schema, and the shared types listed. */
async function renderDocument() {
  const { parse, stringify } = await import('yaml'); // after installToolsIfMissing
  const document = parse(readFileSync(DOCUMENT, 'utf8'));
  const names = new AvroNames();
  const files = [...avscFiles('schemas/common'), ...avscFiles('schemas/events')];
  files.forEach((file) => names.add(JSON.parse(readFileSync(file, 'utf8'))));

  for (const message of Object.values(document.components?.messages ?? {})) {
    const payload = message.payload;
    if (!payload?.schemaFormat?.startsWith(AVRO_FORMAT) || !payload.schema?.$ref) {
      continue;
    }
    const file = resolve(dirname(DOCUMENT), payload.schema.$ref);
    const avro = JSON.parse(readFileSync(file, 'utf8'));
    message.payload = toJsonSchema(avro, names, avro.namespace);
    message.description = payloadNote(avro, relative(ROOT, file), message.description);
  }
  document.components.schemas = sharedTypes(names);
  return stringify(document, { lineWidth: 0 });
}

/** Every type in schemas/common, by name: the page's Schemas section lists them once each. */
function sharedTypes(names) {
  const shared = {};
  for (const file of avscFiles('schemas/common')) {
    const avro = JSON.parse(readFileSync(file, 'utf8'));
    shared[avro.name] = toJsonSchema(avro, names, avro.namespace);
  }
  return shared;
}

function payloadNote(avro, file, existing) {
  const note =
    `Avro record \`${avro.namespace}.${avro.name}\` (\`${file}\`), registered under the subject ` +
    `\`inventory.<env>.events-${avro.namespace}.${avro.name}\`. The payload below is its JSON form, as in ` +
    'the examples: each field\'s *format* names its Avro logical type (`decimal(precision,scale)`, ' +
    '`timestamp-micros`, `date`, `uuid`); decimals are written as numbers, timestamps and dates as ' +
    'ISO-8601 strings.';
  return existing ? `${existing}\n\n${note}` : note;
}

function avscFiles(folder) {
  const directory = join(ROOT, folder);
  return readdirSync(directory).filter((name) => name.endsWith('.avsc')).sort().map((name) => join(directory, name));
}

function optionValue(args, name) {
  const index = args.indexOf(name);
  if (index === -1) {
    return undefined;
  }
  if (index + 1 >= args.length) {
    fail(`${name} needs a value`);
  }
  return args[index + 1];
}

function fail(message) {
  console.error(`docs: ${message}`);
  process.exit(1);
}

await main(process.argv.slice(2));
