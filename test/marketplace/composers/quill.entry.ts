// Quill 2.0.3 (snow theme, no toolbar, like a chat box). The model is its Delta;
// getText() always ends with the document's final '\n'.
import Quill from 'quill';
import 'quill/dist/quill.snow.css';
import { exposeComposer } from './composer-page';

const mount = document.createElement('div');
document.getElementById('composer')!.append(mount);
const quill = new Quill(mount, { theme: 'snow', modules: { toolbar: false }, placeholder: '输入回复 Type a reply' });
exposeComposer({
  editor: 'quill 2.0.3',
  model: () => quill.getText().replace(/\n$/, ''),
  clear: () => quill.setText(''),
});
