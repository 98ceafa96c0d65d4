/**
 * The template engine never evaluates code from a reply (issue 8): the whole
 * shared XSS corpus (test/fixtures/xss-payloads.ts: script/markup vectors and
 * template-injection strings `{{constructor.constructor(…)()}}`, `${…}`, ERB,
 * nested `{buyer}` braces, prototype-named variables) as reply bodies, as page
 * values, as settings and as the agent's answers. Code would set globalThis.__xss
 * or reach eval/Function (both trapped); values must come out as the same text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, emptyContext, type PageContext } from '../../../lib/schema/index.ts';
import { listVariables, parseTemplate, renderTemplate } from '../../../lib/replies/template.ts';
import { XSS_PAYLOADS, XSS_TEXTS } from '../../fixtures/xss-payloads.ts';

const NOW = Date.UTC(2026, 10, 22, 10, 5);
const g = globalThis as unknown as { __xss?: unknown; alert?: unknown; eval: typeof eval; Function: FunctionConstructor };

function hostileContext(value: string): PageContext {
  const c = emptyContext();
  c.buyer = { name: value, id: value };
  c.order = { number: value, product: value, amount: value, status: value };
  c.tracking = { number: value, carrier: value, eta: value };
  return c;
}

describe('template engine against the XSS corpus', () => {
  const realEval = g.eval;
  const realFunction = g.Function;
  const calls: string[] = [];
  beforeEach(() => {
    delete g.__xss;
    calls.length = 0;
    // Any code path reaching a code constructor is caught, whatever it would run.
    g.alert = (x: unknown) => calls.push(`alert ${String(x)}`);
    g.eval = ((src: string) => (calls.push(`eval ${src}`), undefined)) as typeof eval;
    g.Function = new Proxy(realFunction, { construct: (_t, args) => (calls.push(`Function ${args.join(',')}`), () => undefined), apply: (_t, _this, args) => (calls.push(`Function ${args.join(',')}`), () => undefined) });
  });
  afterEach(() => {
    g.eval = realEval;
    g.Function = realFunction;
    delete g.alert;
    delete g.__xss;
  });

  it.each(XSS_PAYLOADS.map((p) => [p.vector, p.text] as const))('body %s: rendered as text, nothing evaluated', (_vector, text) => {
    const settings = { ...defaultSettings('zh-CN'), shopName: text, agentName: text, signature: text, promotion: text };
    const r = renderTemplate(text, { lang: 'zh-CN', context: hostileContext(text), settings, now: NOW, answers: { buyer: text, '?x': text } });
    parseTemplate(text);
    listVariables(text);
    expect(g.__xss).toBeUndefined();
    expect(calls).toEqual([]);
    // Every "<", quote and "javascript:" of the body is still there, character for character.
    for (const ch of ['<', '>', '"', "'", 'javascript:']) expect(r.text.split(ch).length, ch).toBeGreaterThanOrEqual(text.split(ch).length);
  });

  it('payloads as values are spliced in verbatim and never re-read as templates', () => {
    for (const text of XSS_TEXTS) {
      const settings = { ...defaultSettings('en'), shopName: text, signature: text };
      const r = renderTemplate('[{buyer}] [{order}] [{shop}] [{signature}] [{?note}]', { lang: 'en', context: hostileContext(text), settings, now: NOW, answers: { '?note': text } });
      // Values are trimmed (page text often carries stray spaces); nothing else changes.
      const v = text.trim();
      expect(r.text).toBe(`[${v}] [${v}] [${v}] [${v}] [${v}]`);
      expect(r.cursor).toBeNull();
    }
    expect(g.__xss).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('bodies without our variables come back unchanged (markup is not touched, only braces are syntax)', () => {
    for (const text of XSS_TEXTS.filter((t) => !t.includes('{') && !t.includes('}'))) {
      expect(renderTemplate(text, { lang: 'zh-CN', now: NOW }).text).toBe(text);
    }
    expect(renderTemplate("{{constructor.constructor('(window.__xss=1)')()}}", { lang: 'en', now: NOW }).text).toBe("{constructor.constructor('(window.__xss=1)')()}");
    expect(renderTemplate('${(window.__xss=1)}', { lang: 'en', now: NOW }).text).toBe('${(window.__xss=1)}');
  });
});
