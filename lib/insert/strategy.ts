import type { EditableTarget } from './target';

/**
 * What one strategy achieved:
 * - 'inserted': the target changed — stop, the text is in;
 * - 'no-effect': nothing happened — try the next strategy;
 * - 'taken': the page accepted the event (preventDefault) but showed nothing in
 *   time — stop without trying others, a second insert could double the text.
 */
export type StrategyOutcome = 'inserted' | 'no-effect' | 'taken';

export interface InsertStrategy {
  id: string;
  /** Insert `text` at the target's current selection (replacing it). */
  insert(target: EditableTarget, text: string): Promise<StrategyOutcome>;
}
