// TipTap 3 (ProseMirror) with StarterKit. The model is the ProseMirror document.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { exposeComposer } from './composer-page';

const mount = document.getElementById('composer')!;
const editor = new Editor({
  element: mount,
  extensions: [StarterKit],
  content: '',
  editorProps: { attributes: { class: 'rich', 'aria-label': 'Reply' } },
});
exposeComposer({
  editor: 'tiptap 3.34',
  model: () => editor.getText({ blockSeparator: '\n' }),
  // The ProseMirror document itself: '\n' between blocks and for hard breaks,
  // marks (bold from a markdown paste rule…) made visible.
  exact: () => {
    const lines: string[] = [];
    editor.state.doc.forEach((block) => {
      let line = '';
      block.forEach((node) => {
        if (node.type.name === 'hardBreak') line += '\n';
        else if (node.isText) {
          const marks = node.marks.map((m) => m.type.name);
          line += marks.map((m) => `[${m}]`).join('') + (node.text ?? '') + [...marks].reverse().map((m) => `[/${m}]`).join('');
        }
      });
      lines.push(line);
    });
    return lines.join('\n');
  },
  clear: () => {
    editor.commands.clearContent(true);
  },
});
