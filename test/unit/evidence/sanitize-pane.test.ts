// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createPaneSanitizer } from '../../../lib/evidence/sanitize-pane';

const sanitize = createPaneSanitizer(window);

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<body>${sanitize(html)}</body>`, 'text/html');
}

describe('chat pane snapshot sanitiser', () => {
  it('keeps the conversation text and structure', () => {
    const doc = parse('<div class="msg buyer" data-mid="9"><span class="name">小王</span><p>什么时候发货？</p></div>');
    expect(doc.querySelector('.msg.buyer .name')?.textContent).toBe('小王');
    expect(doc.querySelector('p')?.textContent).toBe('什么时候发货？');
    expect(doc.querySelector('[data-mid="9"]')).not.toBeNull();
  });

  it('keeps every page address as text, never as something that loads or navigates', () => {
    const doc = parse(
      '<img src="https://img.example/a.jpg" srcset="https://img.example/b.jpg 2x"><a href="https://shop.example/o/1" ping="https://t.example">order</a>' +
        '<video poster="//cdn.example/p.png"></video><table background="http://x.example/bg.gif"><tr><td>t</td></tr></table><svg><image xlink:href="https://x.example/i.svg"></image></svg>',
    );
    const all = [...doc.querySelectorAll('*')];
    for (const el of all) for (const name of ['src', 'href', 'srcset', 'poster', 'background', 'ping', 'xlink:href']) expect(el.getAttribute(name), `${el.tagName} ${name}`).toBeNull();
    expect(doc.querySelector('img')?.getAttribute('data-xiaoer-src')).toBe('https://img.example/a.jpg');
    expect(doc.querySelector('a')?.getAttribute('data-xiaoer-href')).toBe('https://shop.example/o/1');
    expect(doc.querySelector('a')?.textContent).toBe('order');
    expect(doc.querySelector('td')?.getAttribute('data-xiaoer-background')).toBeNull();
  });

  it('keeps in-page anchors and inline images', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const doc = parse(`<a href="#m2">jump</a><img src="${png}">`);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('#m2');
    expect(doc.querySelector('img')?.getAttribute('src')).toBe(png);
  });

  it('drops styles that load something and elements that can @import or embed', () => {
    const doc = parse(
      '<p style="color: red">ok</p><p style="background:url(https://t.example/x.gif)">a</p><p style="background-image: image-set(\'x.png\' 1x)">b</p>' +
        '<style>@import "https://t.example/a.css";</style><link rel="stylesheet" href="https://t.example/b.css"><iframe src="https://e.example"></iframe><form action="https://e.example"><input></form>',
    );
    const ps = [...doc.querySelectorAll('p')];
    expect(ps[0]?.getAttribute('style')).toBe('color: red');
    expect(ps[1]?.getAttribute('style')).toBeNull();
    expect(ps[2]?.getAttribute('style')).toBeNull();
    expect(doc.querySelector('style, link, iframe, form')).toBeNull();
  });

  it('removes scripts and handlers (DOMPurify) and javascript: addresses end up inert text', () => {
    const doc = parse('<img src=x onerror="top.__xss=1"><script>top.__xss=2</script><a href="javascript:top.__xss=3">x</a><svg onload="top.__xss=4"></svg>');
    expect(doc.querySelector('script')).toBeNull();
    for (const el of doc.querySelectorAll('*')) for (const a of el.getAttributeNames()) expect(a.startsWith('on'), a).toBe(false);
    expect(doc.querySelector('a')?.getAttribute('href')).toBeNull();
  });
});
