/**
 * Tells the background the reply library changed: it pushes fresh shortcut
 * tables to open tabs and makes sidebars refetch, so an edit or an import takes
 * effect without reloads. The protocol (components/ext.ts → lib/messaging.ts,
 * every message's schema) is imported on the first change, not with the
 * Library's first screen.
 */
export async function libraryChanged(): Promise<void> {
  const { askBackground } = await import('../ext');
  await askBackground('library:changed', {}).catch(() => null);
}
