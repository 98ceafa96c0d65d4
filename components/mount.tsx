/**
 * Mounts an extension page's React tree. The sidebar (a frame page: no
 * IndexedDB there) imports only this; pages that own the store use
 * mount-store.tsx, so Dexie stays out of the sidebar's first load.
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

export function mountRoot(node: ReactNode, container?: HTMLElement): void {
  const el = container ?? document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(<StrictMode>{node}</StrictMode>);
}

/** The sidebar: a frame in a marketplace page; its data comes through the background. */
export function mountFramePage(node: ReactNode): void {
  mountRoot(node);
}
