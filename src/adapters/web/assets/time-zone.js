// @ts-check
/**
 * Pre-fills a time zone select (`data-browser-time-zone`) with the zone the
 * browser reports, when the reader has not chosen one and the select offers
 * it. Only a default: the reader sees it and can change it, and the server
 * validates whatever is posted. Without script the newsletter's zone stays.
 */
(() => {
  const select = document.querySelector('select[data-browser-time-zone]');
  if (!(select instanceof HTMLSelectElement) || select.value !== 'default') return;
  let zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  if ([...select.options].some((option) => option.value === zone)) select.value = zone;
})();
