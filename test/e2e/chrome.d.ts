// The service worker's `chrome` global, used inside worker.evaluate() callbacks only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;
