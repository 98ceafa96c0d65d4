/**
 * The README's permissions table is the truth about what Xiaoer asks for: every
 * permission and host pattern in the built manifests (production and e2e) must
 * have a row, and every permission the table names must be in a manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { OUTPUT_DIR } from './fixtures';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
}

function asked(m: Manifest): Set<string> {
  return new Set([...(m.permissions ?? []), ...(m.optional_permissions ?? []), ...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? [])]);
}

/** Backticked names in the first column of the README's permissions table. */
function tableNames(): Set<string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions'));
  const table = section.slice(0, section.indexOf('\n## ') === -1 ? undefined : section.indexOf('\n## '));
  const names = new Set<string>();
  for (const line of table.split('\n')) {
    if (!line.startsWith('| ') || line.startsWith('| permission') || line.startsWith('|---')) continue;
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(/`([^`]+)`/g)) names.add(m[1]!);
  }
  return names;
}

const PERMISSION_LIKE = /^([a-zA-Z]+|<all_urls>|(https?|\*):\/\/\S+)$/;

test('every permission in the built manifests has a row in the README, and the table lists no permission they lack', () => {
  const prodPath = join(OUTPUT_DIR, 'chrome-mv3/manifest.json');
  const e2ePath = join(OUTPUT_DIR, 'chrome-mv3-e2e/manifest.json');
  expect(existsSync(prodPath), 'production build (npx wxt build)').toBe(true);
  expect(existsSync(e2ePath), 'e2e build').toBe(true);
  const prod = asked(JSON.parse(readFileSync(prodPath, 'utf8')) as Manifest);
  const e2e = asked(JSON.parse(readFileSync(e2ePath, 'utf8')) as Manifest);
  const table = tableNames();
  for (const p of [...prod, ...e2e]) expect(table.has(p), `README permissions table lacks \`${p}\``).toBe(true);
  for (const name of table) {
    if (!PERMISSION_LIKE.test(name)) continue;
    expect(prod.has(name) || e2e.has(name), `README lists \`${name}\`, which no manifest asks for`).toBe(true);
  }
  // The production build holds no standing host access: hosts are optional, asked at need.
  const prodManifest = JSON.parse(readFileSync(prodPath, 'utf8')) as Manifest;
  expect(prodManifest.host_permissions ?? []).toEqual([]);
});
