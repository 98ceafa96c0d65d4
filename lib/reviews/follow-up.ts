/**
 * A buyer's follow-up review (Taobao's 追加评价, "收货15天后追评"): backends show it under the first review,
 * and the generic reader adds it to the review's text on its own line, after its label.
 *
 * The stars were given with the first review, before the follow-up: a 4★ "lid a bit tight" whose
 * follow-up says "now it leaks" was answered as a small reservation of a happy buyer — "thank you
 * for the kind words… you mentioned it leaks, thanks for pointing it out". A reply to a review with a
 * follow-up is read from the words alone (ratingForReply).
 */

/** The label at the start of a follow-up, bracketed or not (the reader keeps it in the text). */
export const FOLLOW_UP_LABEL = /^[[【]?(?:追加评价|追加評價|追加评论|追加評論|追评|追評|(?:收货|收貨|购买|購買)\S{0,8}(?:追评|追評)|Follow-up review|Additional review)[\]】]?\s*[:：]?\s*/i;

/** Whether a review's text holds a follow-up: a line after the first that starts with its label. */
export function hasFollowUp(text: string): boolean {
  return text.split('\n').slice(1).some((line) => FOLLOW_UP_LABEL.test(line.trim()));
}

/** The rating a reply should weigh: none when a follow-up came after the stars (the words decide then). */
export function ratingForReply(review: { text: string; rating: number | null }): number | null {
  return hasFollowUp(review.text) ? null : review.rating;
}
