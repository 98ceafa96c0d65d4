// Slate 0.146 + slate-react (React 19) + slate-history. Slate handles input
// through `beforeinput`; the model is editor.children.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { createEditor, Editor, Node, Transforms, type Descendant } from 'slate';
import { Editable, Slate, withReact } from 'slate-react';
import { withHistory } from 'slate-history';
import { exposeComposer } from './composer-page';

const editor = withHistory(withReact(createEditor()));
const initial: Descendant[] = [{ type: 'paragraph', children: [{ text: '' }] } as Descendant];

function ReplyEditor() {
  const [value] = useState(initial);
  return (
    <Slate editor={editor} initialValue={value}>
      <Editable className="rich" placeholder="输入回复 Type a reply" aria-label="Reply" />
    </Slate>
  );
}

const root = createRoot(document.getElementById('composer')!);
flushSync(() => root.render(<ReplyEditor />));
exposeComposer({
  editor: 'slate 0.146',
  model: () => editor.children.map((block) => Node.string(block)).join('\n'),
  clear: () => {
    Transforms.delete(editor, { at: Editor.range(editor, []) });
    Transforms.select(editor, Editor.start(editor, []));
  },
});
