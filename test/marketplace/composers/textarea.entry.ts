// Native <textarea>: the DOM value is the model.
import { exposeComposer } from './composer-page';

const input = document.querySelector<HTMLTextAreaElement>('#composer-input')!;
exposeComposer({
  editor: 'native textarea',
  model: () => input.value,
  clear: () => {
    input.value = '';
  },
});
