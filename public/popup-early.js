// The popup's first question, asked the moment its HTML is parsed: which tab, and the state of
// Xiaoer there. The popup's modules take ~50 ms more to load and run; the round trip to the page
// (and, on a page just loaded, loading the overlay's core there) overlaps them instead of
// following them. Plain script, no imports, served as is (index.html: vite-ignore).
// Nothing here is trusted: components/popup/tab-status.ts parses the reply with the protocol's
// schema before anything uses it. Which tab: as components/tab-target.ts decides it.
(() => {
  const own = chrome.runtime.getURL('/');
  const fromQuery = new URLSearchParams(location.search).get('tab');
  const tabId =
    fromQuery && /^\d+$/.test(fromQuery)
      ? Promise.resolve(Number(fromQuery))
      : Promise.all([chrome.tabs.getCurrent().catch(() => undefined), chrome.tabs.query({ active: true, lastFocusedWindow: true })]).then(([current, active]) =>
          current && current.id !== undefined && !(current.url || '').startsWith(own) ? current.id : active[0] ? active[0].id : null,
        );
  window.__xiaoerEarlyTab = tabId
    .then((id) =>
      id === null
        ? { tabId: null, url: null, reply: null }
        : Promise.all([
            chrome.tabs.get(id).catch(() => null),
            chrome.tabs.sendMessage(id, { xiaoer: 1, type: 'overlay:state', payload: {} }, { frameId: 0 }).catch(() => null),
          ]).then(([tab, reply]) => ({ tabId: id, url: (tab && tab.url) || null, reply })),
    )
    .catch(() => null);
})();
