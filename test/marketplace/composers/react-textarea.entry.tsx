// React 19 controlled <textarea>: the model is component state, so text that
// reaches the DOM without React's onChange is lost on the next render or Send.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { exposeComposer } from './composer-page';

let committed = '';
let setReply: (value: string) => void = () => {};

function ReplyBox() {
  const [reply, setReplyState] = useState('');
  committed = reply;
  setReply = setReplyState;
  return (
    <textarea
      id="composer-input"
      rows={3}
      placeholder="Type a reply 输入回复"
      value={reply}
      onChange={(e) => setReplyState(e.target.value)}
    />
  );
}

const root = createRoot(document.getElementById('composer')!);
flushSync(() => root.render(<ReplyBox />));
exposeComposer({
  editor: 'react 19 textarea',
  model: () => committed,
  clear: () => flushSync(() => setReply('')),
});
