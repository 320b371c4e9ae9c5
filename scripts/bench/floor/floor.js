// The floor of the popup's warm open (scripts/bench/README.md): the least any extension page can
// do to show the cached list. One storage read of the list as the background stored it, its first
// 13 names as plain list items (the rows the popup's first paint renders), no framework, no
// validation, no styles; then the same "painted" mark as the popup's, set at the same moment (the
// first task after the next frame that follows the render, a user-blocking one). The benchmark
// adds this page to a copy of the build; it is never shipped.
const KEY = 'cache:snapshot';
chrome.storage.local.get(KEY).then((stored) => {
  const raw = stored[KEY];
  const snapshot = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const list = document.getElementById('rows');
  for (const item of (snapshot?.items ?? []).slice(0, 13)) {
    const row = document.createElement('li');
    row.textContent = item.groupName;
    list.append(row);
  }
  requestAnimationFrame(() =>
    scheduler.postTask(() => performance.mark('pim:list-painted'), { priority: 'user-blocking' }),
  );
});
