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
    lines.push(line);
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
});
