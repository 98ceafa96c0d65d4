// Used by: any page where no strategy changed the composer (an editor we have
// not met, a page that blocks synthetic events). A real Ctrl+V is a trusted
// paste every editor accepts. The content script cannot rely on clipboard
// access (it needs focus and a user gesture in the page), so the caller — the
// sidebar, which has the agent's click — writes the text and shows the hint.
// The composer keeps focus and the selection (with a shortcut selected when
// replaceBefore was asked), so the agent's Ctrl+V replaces exactly that.

export interface ClipboardNeeded {
  ok: false;
  reason: 'clipboard-needed';
  message: string;
  /** The text the caller must put on the clipboard. */
  text: string;
}

export function clipboardNeeded(text: string): ClipboardNeeded {
  return {
    ok: false,
    reason: 'clipboard-needed',
    message: 'This chat box did not accept the reply. It is on your clipboard: click the chat box and press Ctrl+V.',
    text,
  };
}

/**
 * Put a reply on the clipboard for the agent's Ctrl+V; false when the browser refused (no focus, no
 * user gesture, a page policy), so no caller says "Copied" for a copy that did not happen.
 */
export function copyForPaste(text: string): Promise<boolean> {
  return navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );
}
