// @vitest-environment jsdom
/** A review's own 回复 / Reply link (lib/sites/reply-opener.ts): the control Insert clicks to open the review's reply box. */
import { describe, expect, it } from 'vitest';
import { reviewReplyOpener } from '../../../lib/sites/reply-opener';

function row(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.replaceChildren(div);
  return div;
}

describe('reviewReplyOpener', () => {
  it('finds the review\'s 回复 / Reply / 回覆 control (a link, a button, a role=button)', () => {
    expect(reviewReplyOpener(row('<p>快递太慢了</p><div class="ops"><a href="javascript:;">回复</a><a>投诉</a></div>'))?.textContent).toBe('回复');
    expect(reviewReplyOpener(row('<p>Late.</p><button type="button"> Reply </button>'))?.textContent).toBe(' Reply ');
    expect(reviewReplyOpener(row('<p>太慢</p><span role="button">回覆</span>'))?.textContent).toBe('回覆');
    expect(reviewReplyOpener(row('<p>Late.</p><button aria-label="Reply to review"><svg></svg></button>'))).not.toBeNull();
  });

  it('not a label, a "view replies", a disabled or a hidden control, nor a word that is not a control', () => {
    expect(reviewReplyOpener(row('<p>好</p><div class="reply"><span>商家回复：</span><span>谢谢</span></div>'))).toBeNull();
    expect(reviewReplyOpener(row('<p>好</p><a>查看回复</a>'))).toBeNull();
    expect(reviewReplyOpener(row('<p>好</p><button disabled>回复</button>'))).toBeNull();
    expect(reviewReplyOpener(row('<p>好</p><div style="display:none"><a>回复</a></div>'))).toBeNull();
    expect(reviewReplyOpener(row('<p>好</p><span>回复</span>'))).toBeNull();
  });
});
