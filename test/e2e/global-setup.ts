// Starts the demo marketplace once for all workers; its URL reaches the workers
// through the environment.
import { startMarketplace } from '../marketplace/server.mjs';

export default async function globalSetup() {
  const { url, close } = await startMarketplace(Number(process.env.MARKETPLACE_PORT ?? 0));
  process.env.MARKETPLACE_URL = url;
  return async () => close();
}
