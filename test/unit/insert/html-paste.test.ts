// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { htmlPasteFlavor, plainTextAsHtml } from '../../../lib/insert/html-paste';
import { escapeHtml } from '../../../lib/evidence/html';

const REPLY = 'Dear ,\n\nThanks for waiting.\n  Two  spaces, **not bold**.';

describe('plainTextAsHtml', () => {
  it('ProseMirror: one <p> per line, an empty <p> for a blank line, the open-slice marker on the first', () => {
    expect(plainTextAsHtml(REPLY, 'prosemirror')).toBe(
      '<p data-pm-slice="1 1 []">Dear ,</p><p></p><p>Thanks for waiting.</p><p>  Two  spaces, **not bold**.</p>',
    );
  });

  it('ProseMirror: spaces stay as typed (its parser keeps whitespace for a data-pm-slice paste)', () => {
    expect(plainTextAsHtml(' a   b ', 'prosemirror')).toBe('<p data-pm-slice="1 1 []"> a   b </p>');
  });

  it('CKEditor 5: spaces at line edges and after a space become &nbsp; (what its DOM converter reads back as spaces)', () => {
    expect(plainTextAsHtml(REPLY, 'ckeditor5')).toBe(
      '<p>Dear ,</p><p></p><p>Thanks for waiting.</p><p>&nbsp; Two &nbsp;spaces, **not bold**.</p>',
    );
    expect(plainTextAsHtml('a   b ', 'ckeditor5')).toBe('<p>a &nbsp; b&nbsp;</p>');
    expect(plainTextAsHtml('   x', 'ckeditor5')).toBe('<p>&nbsp; &nbsp;x</p>');
  });

  it('every character of markup is escaped: the text never becomes elements', () => {
    const evil = `<img src=x onerror="alert('1')">&amp;`;
    for (const flavor of ['prosemirror', 'ckeditor5'] as const) {
      const html = plainTextAsHtml(evil, flavor);
      expect(html).not.toContain('<img');
      const doc = new DOMParser().parseFromString(html, 'text/html');
      expect(doc.body.querySelectorAll('*').length).toBe(1);
      expect(doc.body.textContent!.replace(/\u00a0/g, ' ')).toBe(evil);
    }
  });

  it('a single line is one paragraph (ProseMirror keeps it open: it joins the caret line)', () => {
    expect(plainTextAsHtml('ok', 'prosemirror')).toBe('<p data-pm-slice="1 1 []">ok</p>');
    expect(plainTextAsHtml('ok', 'ckeditor5')).toBe('<p>ok</p>');
  });
});

describe('escapeHtml', () => {
  it('escapes & < > " \'', () => {
    expect(escapeHtml(`&<>"'x`)).toBe('&amp;&lt;&gt;&quot;&#39;x');
  });
});

describe('htmlPasteFlavor', () => {
  it('tells the editor by its own root markers, also from an element inside the root', () => {
    const root = document.createElement('div');
    root.className = 'tiptap ProseMirror';
    const p = document.createElement('p');
    root.append(p);
    expect(htmlPasteFlavor(p)).toBe('prosemirror');
    root.className = 'ck ck-content ck-editor__editable';
    expect(htmlPasteFlavor(p)).toBe('ckeditor5');
    root.className = 'ql-editor';
    expect(htmlPasteFlavor(p)).toBeNull();
  });
});
