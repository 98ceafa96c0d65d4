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

describe('the generic reader on a list whose reply box opens from a 回复 link', () => {
  it('a review with only its 回复 / Reply link is not answered (the link\'s class says "reply"; it was read as the seller\'s reply "回复")', async () => {
    const { generic } = await import('../../../lib/sites/generic');
    const rowHtml = (id: string, stars: number, text: string, answer: string | null, link: string) => `
      <div class="rate-row" data-review-id="${id}">
        <div class="rate-meta"><span class="rate-nick">t***1</span><span class="rate-stars" aria-label="${stars} out of 5 stars">★</span><span>2026-11-20 09:12</span></div>
        <p class="rate-content">${text}</p>
        <div class="rate-seller"${answer ? '' : ' hidden'}>${answer ? `<span>商家回复：</span><span>${answer}</span>` : ''}</div>
        <div class="rate-ops">${answer ? '' : `<a class="rate-op-reply" href="javascript:;">${link}</a>`}<a class="rate-op-report">投诉</a></div>
      </div>`;
    document.body.innerHTML = `<div id="list">${rowHtml('a', 5, '质量很好，做工精细，第二次购买了', '感谢亲的支持', '')}${rowHtml('b', 1, '快递太慢了，等了十天才到', null, '回复')}${rowHtml('c', 2, 'Package arrived late and the box was crushed.', null, 'Reply')}</div>`;
    const reviews = generic.reviews(document);
    expect(reviews.map((r) => [r.review.key, r.review.sellerReply])).toEqual([
      ['a', '感谢亲的支持'],
      ['b', null],
      ['c', null],
    ]);
    expect(reviews[1]!.review.text).toBe('快递太慢了，等了十天才到');
  });
});
