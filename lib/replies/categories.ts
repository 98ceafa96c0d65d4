/**
 * Category writes on the store: create and rename (the dashboard's category
 * form, directly) and delete (the background, for the dashboard: one
 * transaction, then sidebars and tabs are told). Names follow the library's
 * rule (rules.ts categoryNameProblem), the one import applies. Kept apart from
 * library.ts, which imports the import reader (zod): the dashboard's first
 * screen loads this.
 */
import type { XiaoerDB } from '../db';
import type { Category } from '../schema';
import { XiaoerError } from '../xiaoer-error';
import { categoryNameProblem } from './rules';

function assertCategoryName(name: string, categories: readonly Category[], exceptId: string | null): void {
  const problem = categoryNameProblem(name, categories, exceptId);
  if (problem === 'categoryNameTaken') throw new XiaoerError('category-name-taken', `There is already a category named "${name}".`, { name: name.slice(0, 300) });
  if (problem) throw new XiaoerError('bad-request', `Category name: ${problem}`);
}

/** A new category, last in order. The name is trimmed and must be unused (rules.ts categoryNameProblem: what import requires). */
export async function createCategory(db: XiaoerDB, fields: Pick<Category, 'name' | 'symbol'>): Promise<Category> {
  return db.transaction('rw', db.categories, async () => {
    const categories = await db.categories.toArray();
    const name = fields.name.trim();
    assertCategoryName(name, categories, null);
    let order = 0;
    for (const c of categories) order = Math.max(order, c.order + 1);
    const category: Category = { id: `c-${crypto.randomUUID()}`, name, symbol: [...fields.symbol.trim()].slice(0, 8).join(''), order };
    await db.categories.add(category);
    return category;
  });
}

/** Rename a category; the same rule as createCategory. */
export async function renameCategory(db: XiaoerDB, id: string, name: string): Promise<void> {
  await db.transaction('rw', db.categories, async () => {
    const clean = name.trim();
    assertCategoryName(clean, await db.categories.toArray(), id);
    if (!(await db.categories.update(id, { name: clean }))) throw new XiaoerError('category-gone', 'This category was deleted meanwhile.', { which: 'category' });
  });
}

/**
 * Delete a category. Its replies must go somewhere first: with `moveTo` they
 * move into that (other, existing) category; without it a category holding
 * replies is refused with how many it holds ('category-not-empty'), so no reply
 * is left pointing at a category that no longer exists. One transaction: the
 * replies move and the category goes together, or nothing changes. Either
 * category gone meanwhile is 'category-gone' (detail.which: 'category' | 'target').
 */
export async function deleteCategory(db: XiaoerDB, id: string, moveTo: string | null, now = new Date().toISOString()): Promise<{ moved: number }> {
  return db.transaction('rw', db.categories, db.replies, async () => {
    if (!(await db.categories.get(id))) throw new XiaoerError('category-gone', 'This category was deleted meanwhile.', { which: 'category' });
    const held = await db.replies.where('categoryId').equals(id).primaryKeys();
    if (held.length) {
      if (moveTo === null) throw new XiaoerError('category-not-empty', `This category holds ${held.length} replies; choose where they go.`, { count: String(held.length) });
      if (moveTo === id) throw new XiaoerError('not-found', 'The replies cannot move into the category being deleted.');
      // Deleted in another tab while this one's delete panel was open: typed, so the panel says it in the seller's language.
      if (!(await db.categories.get(moveTo))) throw new XiaoerError('category-gone', 'The category to move the replies into was deleted meanwhile.', { which: 'target' });
      // Moving is the seller's edit of each reply (as a bulk move is): updatedAt follows.
      await db.replies.where('categoryId').equals(id).modify({ categoryId: moveTo, updatedAt: now });
    }
    await db.categories.delete(id);
    return { moved: held.length };
  });
}

