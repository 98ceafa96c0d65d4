// Plain contenteditable <div>: what the page sends is the rendered text.
import { exposeComposer, plainSpaces } from './composer-page';

const box = document.querySelector<HTMLElement>('#composer [contenteditable]')!;
exposeComposer({
  editor: 'contenteditable',
  model: () => plainSpaces(box.innerText).replace(/\n$/, ''),
  clear: () => box.replaceChildren(),
});
