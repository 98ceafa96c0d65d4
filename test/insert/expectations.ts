// What insertIntoComposer must achieve on each composer page, shared by the
// isolated-world matrix (run-insert-matrix.ts) and the extension e2e. Undo
// results that differ from the ideal are editor behaviour we cannot change from
// outside; each one says why.

export interface ComposerExpectation {
  /** Page path under the demo marketplace. */
  page: string;
  /** Short name for tables. */
  editor: string;
  /** The strategy the chain should end on (a different one means the chain order changed). */
  strategy: 'exec-command' | 'paste-event' | 'html-paste' | 'before-input' | 'native-setter';
  /** Model after typing "Hello ", a human pause, inserting "world", then ONE Ctrl+Z. Ideal: "Hello ". */
  undoAfterInsert: string;
  /** Model after typing "hi /ship", shortcut-inserting the reply (replaceBefore 5), then ONE Ctrl+Z. Ideal: "hi /ship". */
  undoAfterReplace: string;
  /** Why an undo result differs from the ideal. */
  caveats?: string[];
}

/** The composer element an adapter would hand over: the page's composer container. */
export const COMPOSER_SELECTOR = '#composer';

export const INSERT_TEXTS = {
  multiLine: 'Line1\nLine2',
  /** {cursor} inside the second line of multiLine: 'Line1\nLi|ne2'. */
  multiLineCursorOffset: 8,
  typedBefore: 'Hello ',
  word: 'world',
  typedAfter: '!',
  cursorText: 'ABCD',
  cursorOffset: 2,
  typedAtCursor: 'x',
  shortcutTyped: 'hi /ship',
  shortcutReply: 'Your order ships today.',
  shortcutLength: 5,
  selectionTyped: 'Hello world',
  selectionLength: 5,
  selectionReply: 'there',
} as const;

/** A person takes longer than this between typing and clicking a reply; editors group undo steps within ~1 s. */
export const HUMAN_PAUSE_MS = 1200;

export const COMPOSERS: ComposerExpectation[] = [
  { page: 'composers/textarea.html', editor: 'textarea', strategy: 'exec-command', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  { page: 'composers/react-textarea.html', editor: 'react-textarea', strategy: 'exec-command', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  { page: 'composers/element-plus.html', editor: 'element-plus', strategy: 'exec-command', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  { page: 'composers/shadow-textarea.html', editor: 'kat-textarea', strategy: 'exec-command', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  { page: 'composers/contenteditable.html', editor: 'contenteditable', strategy: 'exec-command', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  { page: 'composers/draftjs.html', editor: 'draft-js', strategy: 'paste-event', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  {
    page: 'composers/slate.html',
    editor: 'slate',
    // beforeinput first for Slate (chain.ts): its handler selects the event's
    // target range itself, paste would insert at a model selection up to 100 ms stale.
    strategy: 'before-input',
    // slate-history merges an insert_text that continues the previous one (same
    // path, adjacent offset) into its batch regardless of time; selection ops are
    // not recorded, so nothing from outside the page can split it. Also in insertion.md.
    undoAfterInsert: '',
    undoAfterReplace: 'hi /ship',
    caveats: ['one Ctrl+Z after a single-line insert also removes the text typed just before it (slate-history merges adjacent insert_text)'],
  },
  { page: 'composers/lexical.html', editor: 'lexical', strategy: 'paste-event', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
  {
    page: 'composers/tiptap.html',
    editor: 'tiptap',
    // text/plain paste drops blank lines and applies markdown paste rules (html-paste.ts).
    strategy: 'html-paste',
    undoAfterInsert: 'Hello ',
    // prosemirror-history groups a step adjacent to the previous one made within
    // newGroupDelay (500 ms); a shortcut is expanded right after its last key.
    undoAfterReplace: '',
    caveats: ['shortcut expansion: one Ctrl+Z removes the reply and the typing burst that ended with the shortcut (ProseMirror groups adjacent edits within 500 ms)'],
  },
  {
    page: 'composers/quill.html',
    editor: 'quill',
    strategy: 'paste-event',
    undoAfterInsert: 'Hello ',
    // Quill's history merges every change within `delay` (1000 ms) of the start of the current group.
    undoAfterReplace: '',
    caveats: ['shortcut expansion: one Ctrl+Z removes the reply and the typing burst that ended with the shortcut (Quill history delay 1000 ms)'],
  },
  // text/plain paste drops blank lines and collapses spaces after a line break (html-paste.ts).
  { page: 'composers/ckeditor5.html', editor: 'ckeditor5', strategy: 'html-paste', undoAfterInsert: 'Hello ', undoAfterReplace: 'hi /ship' },
];
