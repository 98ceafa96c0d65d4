// Lexical 0.52 with PlainTextPlugin + HistoryPlugin (React 19). Lines are
// LineBreakNodes in one paragraph, so the root's text content joins them by '\n'.
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { $createParagraphNode, $getRoot, type LexicalEditor } from 'lexical';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { exposeComposer } from './composer-page';

let editorRef: LexicalEditor | null = null;

function CaptureEditor() {
  const [editor] = useLexicalComposerContext();
  editorRef = editor;
  return null;
}

function ReplyEditor() {
  return (
    <LexicalComposer initialConfig={{ namespace: 'reply', onError: (e: Error) => console.error(e), nodes: [] }}>
      <PlainTextPlugin
        contentEditable={<ContentEditable className="rich" aria-label="Reply" />}
        placeholder={null}
        ErrorBoundary={LexicalErrorBoundary}
      />
      <HistoryPlugin />
      <CaptureEditor />
    </LexicalComposer>
  );
}

const root = createRoot(document.getElementById('composer')!);
flushSync(() => root.render(<ReplyEditor />));
const editor = editorRef as LexicalEditor | null;
if (!editor) throw new Error('Lexical editor did not mount');
exposeComposer({
  editor: 'lexical 0.52',
  model: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
  clear: () =>
    editor.update(
      () => {
        const paragraph = $createParagraphNode();
        $getRoot().clear().append(paragraph);
        paragraph.select();
      },
      { discrete: true },
    ),
});
