// Draft.js 0.11.7 on React 18 (it uses APIs React 19 removed). The model is the
// EditorState's ContentState; the DOM is only its rendering.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { ContentState, Editor, EditorState } from 'draft-js';
import 'draft-js/dist/Draft.css';
import { exposeComposer } from '../composers/composer-page';

type DraftEditorState = ReturnType<typeof EditorState.createEmpty>;
let current: DraftEditorState = EditorState.createEmpty();
let setCurrent: (state: DraftEditorState) => void = () => {};

function ReplyEditor() {
  const [editorState, setEditorState] = useState(current);
  current = editorState;
  setCurrent = setEditorState;
  return (
    <div className="rich">
      <Editor editorState={editorState} onChange={setEditorState} placeholder="输入回复 Type a reply" ariaLabel="Reply" />
    </div>
  );
}

const root = createRoot(document.getElementById('composer')!);
flushSync(() => root.render(<ReplyEditor />));
exposeComposer({
  editor: 'draft-js 0.11.7',
  model: () => current.getCurrentContent().getPlainText('\n'),
  clear: () =>
    flushSync(() =>
      setCurrent(EditorState.moveFocusToEnd(EditorState.push(current, ContentState.createFromText(''), 'remove-range'))),
    ),
});
