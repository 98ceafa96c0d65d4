export function startMarketplace(port?: number, host?: string): Promise<{ url: string; close: () => Promise<void> }>;
