/**
 * Loads a committed demo-page snapshot into jsdom at the URL it was captured
 * from (so effectiveUrl() sees the page's query/hash), re-creating what
 * outerHTML cannot carry: the Katal elements' open shadow roots on Amazon.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { defineKatElements } from '../../marketplace/chat/amazon/kat-elements';
import { DEMO_ORIGIN, DEMO_PAGES } from './pages';

const here = dirname(fileURLToPath(import.meta.url));

export function fixturePath(name: string): string {
  return join(here, 'fixtures', `${name}.html`);
}

export function loadFixture(name: string): JSDOM {
  const page = DEMO_PAGES.find((p) => p.name === name);
  if (!page) throw new Error(`no demo page ${name}`);
  const dom = new JSDOM(readFileSync(fixturePath(name), 'utf8'), { url: DEMO_ORIGIN + page.path });
  if (dom.window.document.querySelector('kat-textarea, kat-button')) defineKatElements(dom.window as unknown as Window & typeof globalThis);
  return dom;
}
