/**
 * A review's own "回复 / Reply" link: on many review backends (Taobao/Tmall 评价管理, Shopee, AliExpress)
 * the reply box is not on the page until it is clicked — the backend renders an editor under the review.
 * Insert found no box and refused ("the reply box of this review is not on the page"), and the seller had
 * to click the link and press Insert again. The overlay clicks it for them (core.ts), only when the review
 * has no box shown, and only a control whose whole text is the word: a "商家回复：…" label or a "查看回复"
 * (view replies) is not it.
 */
import { isShown } from './layout';

const REPLY_OPENER = /^(?:回复|回覆|回复评价|回覆評價|回复买家|回覆買家|写回复|寫回覆|添加回复|新增回覆|Reply|Respond|Add (?:a )?(?:reply|response)|Reply to (?:this )?review|Write (?:a )?(?:reply|response)|Respond publicly|Post (?:a )?(?:reply|response))$/i;
const CLICKABLE = 'a, button, [role="button"], [role="link"]';

/** Whether an element is a control (a link, a button): the seller's shown reply is text, not one. */
export function isControl(el: Element): boolean {
  return el.matches(CLICKABLE);
}

/** Whether `text` is only the word of a reply opener ("回复", "Reply"): not a reply the seller wrote. */
export function isReplyOpenerWord(text: string): boolean {
  return REPLY_OPENER.test(text.replace(/\s+/g, ' ').trim());
}

/** The shown control in `row` that opens its reply box, or null. */
export function reviewReplyOpener(row: Element): HTMLElement | null {
  for (const el of row.querySelectorAll<HTMLElement>(CLICKABLE)) {
    if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim() || (el.getAttribute('aria-label') ?? '').trim();
    if (REPLY_OPENER.test(text) && isShown(el)) return el;
  }
  return null;
}
