/**
 * A typed refusal or failure: thrown by the protocol's clients when the other
 * side refused (lib/wire.ts unwrapReply), and by background handlers and
 * library writes, whose code (and detail) the router passes on so the UI words
 * it in the seller's language. Apart from lib/wire.ts because that file builds
 * zod schemas, which the dashboard's first screen does not load.
 */
import type { ErrorCode, ErrorDetail } from './wire';

export class XiaoerError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly detail?: ErrorDetail) {
    super(message);
    this.name = 'XiaoerError';
  }
}
