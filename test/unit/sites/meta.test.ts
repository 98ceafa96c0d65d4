/**
 * refined-github's features.test.ts, for adapters: every adapter file in
 * lib/sites/ is registered, has a demo page snapshot and an extraction test.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, GENERIC } from '../../../lib/sites/registry';
import { TRUTH } from './expectations';
import { DEMO_PAGES } from './pages';

const here = dirname(fileURLToPath(import.meta.url));
const sitesDir = join(here, '..', '..', '..', 'lib', 'sites');
// Shared modules, not adapters.
const NOT_ADAPTERS = new Set(['types.ts', 'hosts.ts', 'registry.ts', 'demo.ts', 'time.ts', 'dom.ts', 'labels.ts', 'layout.ts', 'picked.ts', 'profile-transfer.ts', 'message-row.ts', 'header-buyer.ts', 'reply-opener.ts']);
const adapterFiles = readdirSync(sitesDir).filter((f) => f.endsWith('.ts') && !NOT_ADAPTERS.has(f));

describe('adapter registry meta-test', () => {
  it('finds adapter files', () => {
    expect(adapterFiles.length).toBeGreaterThanOrEqual(6);
  });

  it.each(adapterFiles)('%s exports a SiteAdapter that the registry holds, under its file name', async (file) => {
    const id = file.replace(/\.ts$/, '');
    const mod = (await import(join(sitesDir, file))) as Record<string, unknown>;
    const exported = Object.values(mod).filter((v): v is { id: string } => typeof v === 'object' && v !== null && 'detect' in v && 'messages' in v);
    expect(exported.map((a) => a.id)).toContain(id);
    const registered = [...ADAPTERS, GENERIC].map((a) => a.id);
    expect(registered).toContain(id);
  });

  it.each(adapterFiles)('%s has a committed fixture page and an extraction test', (file) => {
    const id = file.replace(/\.ts$/, '');
    const pages = DEMO_PAGES.filter((p) => p.adapter === id);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(existsSync(join(here, 'fixtures', `${page.name}.html`))).toBe(true);
    if (id === 'generic') {
      expect(readFileSync(join(here, 'generic.test.ts'), 'utf8')).toContain('genericTable');
    } else {
      expect(TRUTH[id]).toBeDefined();
    }
  });

  it('every registered adapter has a file', () => {
    for (const a of [...ADAPTERS, GENERIC]) expect(adapterFiles).toContain(`${a.id}.ts`);
  });

  it('each dedicated adapter cites the source of its selectors or says they are assumed', () => {
    for (const file of adapterFiles.filter((f) => f !== 'generic.ts')) {
      const head = readFileSync(join(sitesDir, file), 'utf8').slice(0, 4000);
      expect(head, file).toMatch(/source|public|Assumed|ASSUMED/);
    }
  });
});
