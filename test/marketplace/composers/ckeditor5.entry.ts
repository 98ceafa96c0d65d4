// CKEditor 5 v48 ClassicEditor (Essentials + Paragraph, GPL key). The model is
// CKEditor's own document; getData() serialises it, paragraphs become lines here.
import { ClassicEditor } from '@ckeditor/ckeditor5-editor-classic';
import { Essentials } from '@ckeditor/ckeditor5-essentials';
import { Paragraph } from '@ckeditor/ckeditor5-paragraph';
// v48 packages ship their styles separately (dist/index.css); the UI package carries the theme.
import '@ckeditor/ckeditor5-ui/dist/index.css';
import '@ckeditor/ckeditor5-engine/dist/index.css';
import '@ckeditor/ckeditor5-editor-classic/dist/index.css';
import '@ckeditor/ckeditor5-core/dist/index.css';
import '@ckeditor/ckeditor5-clipboard/dist/index.css';
import '@ckeditor/ckeditor5-widget/dist/index.css';
import { exposeComposer, plainSpaces } from './composer-page';

/** getData() HTML → text: one line per paragraph, <br> as a line break. Parsed inert, never rendered. */
function dataToText(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const lines: string[] = [];
  for (const block of Array.from(doc.body.children)) {
    let line = '';
    block.childNodes.forEach(function walk(node: ChildNode) {
      if (node.nodeName === 'BR') line += '\n';
      else if (node.nodeType === Node.TEXT_NODE) line += node.textContent ?? '';
      else node.childNodes.forEach(walk);
    });
    // getData() writes an empty paragraph as <p>&nbsp;</p> (CKEditor's block filler in data).
    lines.push(line === '\u00a0' ? '' : line);
  }
  return plainSpaces(lines.join('\n'));
}

const mount = document.createElement('div');
document.getElementById('composer')!.append(mount);
const editor = await ClassicEditor.create(mount, {
  licenseKey: 'GPL',
  plugins: [Essentials, Paragraph],
  toolbar: [],
  placeholder: '输入回复 Type a reply',
});
exposeComposer({
  editor: 'ckeditor5 48.5',
  model: () => dataToText(editor.getData()),
  clear: () => editor.setData(''),
  // CKEditor's model tree, not getData(): the view renders runs of spaces as
  // U+00A0 and getData() keeps them, which `model` maps back; here an U+00A0
  // stored in the model stays one. Text attributes (bold…) made visible.
  exact: () => {
    const root = editor.model.document.getRoot()!;
    const lines: string[] = [];
    for (const block of root.getChildren()) {
      let line = '';
      if (block.is('element')) {
        for (const node of block.getChildren()) {
          if (node.is('element', 'softBreak')) line += '\n';
          else if (node.is('$text')) {
            const attrs = [...node.getAttributeKeys()];
            line += attrs.map((a) => `[${a}]`).join('') + node.data + [...attrs].reverse().map((a) => `[/${a}]`).join('');
          }
        }
      }
      lines.push(line);
    }
    return lines.join('\n');
  },
});
