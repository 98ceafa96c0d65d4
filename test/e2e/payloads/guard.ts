/**
 * "No script ran" in every context, four ways: the payloads' global flag
 * (window.__xss, read in each page/frame), a dialog listener on the whole
 * browser context, console messages that show markup was interpreted and only
 * stopped by a CSP (a second line of defence is not the first), and requests for
 * the payloads' own URLs (xss.invalid, a relative "x"). Each checked surface is
 * counted — payloads placed × contexts looked at, payloads executed — into a
 * JSON-lines summary the xss bench prints.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from '@playwright/test';
import { expect, type Extension } from '../fixtures';
import { BEACON_HOST, payloadById } from '../../fixtures/xss-payloads';

const here = dirname(fileURLToPath(import.meta.url));
/** Where the summary goes: the run's own folder (XIAOER_OUT_DIR) or .reports, like the e2e JSON report. */
export const XSS_SUMMARY = resolve(process.env.XIAOER_OUT_DIR ?? resolve(here, '../../../.reports'), 'xss-summary.jsonl');

export interface SummaryRow {
  surface: string;
  contexts: string[];
  payloads: number;
  executed: number;
  /** Payload ids that ran (empty when nothing did). */
  ran: number[];
}

type Target = Page | Frame;

/** Append one row to the summary (also used by the protocol spec: requests sent × accepted). */
export function recordSummary(row: SummaryRow): void {
  mkdirSync(dirname(XSS_SUMMARY), { recursive: true });
  appendFileSync(XSS_SUMMARY, `${JSON.stringify(row)}\n`);
}

export class XssGuard {
  readonly dialogs: string[] = [];
  readonly requests: string[] = [];
  readonly console: string[] = [];
  private readonly onDialog = (d: { message(): string; dismiss(): Promise<void> }) => {
    this.dialogs.push(d.message());
    void d.dismiss().catch(() => undefined);
  };
  private readonly onRequest = (r: { url(): string }) => {
    const url = r.url();
    let path = '';
    try {
      const u = new URL(url);
      if (u.hostname === BEACON_HOST) return void this.requests.push(url);
      path = u.pathname;
    } catch {
      return;
    }
    if (/\/x$/.test(path) || url.startsWith('javascript:')) this.requests.push(url);
  };
  private readonly onConsole = (m: { text(): string }) => {
    const text = m.text();
    if (/__xss|Content Security Policy|Refused to (execute|load|frame|connect|apply)/i.test(text)) this.console.push(text);
  };

  constructor(private readonly ext: Extension) {
    ext.context.on('dialog', this.onDialog);
    ext.context.on('request', this.onRequest);
    ext.context.on('console', this.onConsole);
  }

  dispose(): void {
    this.ext.context.off('dialog', this.onDialog);
    this.ext.context.off('request', this.onRequest);
    this.ext.context.off('console', this.onConsole);
  }

  /** The flags set in one context (its own and any it wrote on a same-origin parent). */
  static async flags(target: Target): Promise<unknown[]> {
    return target.evaluate(() => {
      const w = window as unknown as { __xss?: unknown; __pagexss?: unknown };
      return [w.__xss, w.__pagexss].filter((v) => v !== undefined);
    });
  }

  /**
   * Assert nothing ran in the named contexts and nothing tell-tale happened in
   * the browser since the guard started; records the surface in the summary.
   */
  async check(surface: string, payloads: number, targets: Record<string, Target>): Promise<void> {
    const ran = new Set<number>();
    const problems: string[] = [];
    for (const [name, target] of Object.entries(targets)) {
      const flags = await XssGuard.flags(target);
      for (const f of flags) {
        const p = payloadById(f);
        ran.add(Number(f));
        problems.push(`${name}: flag ${String(f)}${p ? ` (${p.vector})` : ''}`);
      }
    }
    for (const d of this.dialogs) {
      ran.add(Number(d));
      problems.push(`dialog "${d}"${payloadById(d) ? ` (${payloadById(d)!.vector})` : ''}`);
    }
    for (const r of this.requests) problems.push(`request ${r}`);
    for (const c of this.console) problems.push(`console: ${c.slice(0, 300)}`);
    const row: SummaryRow = { surface, contexts: Object.keys(targets), payloads, executed: ran.size, ran: [...ran].filter(Number.isFinite).sort((a, b) => a - b) };
    recordSummary(row);
    expect(problems, `${surface}: nothing may run, load or be blocked by a CSP`).toEqual([]);
  }
}
