/**
 * Dedicated worker for the reply search (see search-service.ts): the sidebar and
 * popup post the library and their queries here and stay responsive while a large
 * library is indexed. Only the page that created it can post to a dedicated worker.
 */
import { createSearchService } from './search-service';

const service = createSearchService();
self.onmessage = (event: MessageEvent<unknown>) => {
  const answer = service.handle(event.data);
  if (answer) self.postMessage(answer);
};
