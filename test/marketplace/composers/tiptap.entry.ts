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
  clear: () => {
    editor.commands.clearContent(true);
  },
});
