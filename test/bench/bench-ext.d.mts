import type { BrowserContext, Worker } from 'playwright-core';
export function seededWorker(context: BrowserContext): Promise<{ worker: Worker; id: string }>;
export function writeFloorPage(extDir: string): void;
