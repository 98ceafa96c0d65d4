// Plain contenteditable <div>: what the page sends is the rendered text.
import { exposeComposer, plainSpaces } from './composer-page';

const box = document.querySelector<HTMLElement>('#composer [contenteditable]')!;

/**
 * The lines the box shows. Not innerText: Chromium's editing makes a blank line
 * `<div><br></div>` (typing Enter twice, or execCommand insertText '\n\n'),
 * which innerText reads as two empty lines ('A\n\n\nB' for one blank line) —
 * a <br> that is the last node of its block only holds the empty line open.
 */
function shownText(root: Node): string {
  let text = '';
  let any = false;
  const walk = (parent: Node) => {
    for (const node of Array.from(parent.childNodes)) {
      if (node instanceof Text) {
        text += node.data;
        any = true;
      } else if (node instanceof HTMLBRElement) {
        if (node.nextSibling) text += '\n';
        any = true;
      } else if (node instanceof HTMLElement && getComputedStyle(node).display === 'block') {
        if (any) text += '\n';
        any = true;
        walk(node);
      } else walk(node);
    }
  };
  walk(root);
  return text;
}

exposeComposer({
  editor: 'contenteditable',
  model: () => plainSpaces(shownText(box)),
  clear: () => box.replaceChildren(),
});
