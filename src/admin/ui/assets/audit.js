/* global window, document, URLSearchParams */
// The audit trail page: filters, newest first, older records page by page (the API's cursor).
'use strict';

(function () {
  const D = window.LgspDashboard;
  const $ = (id) => document.getElementById(id);
  let query = new URLSearchParams();
  let cursor = null;

  function filters() {
    const form = new window.FormData($('filters'));
    const q = new URLSearchParams({ limit: '50' });
    for (const name of ['action', 'actor']) if (form.get(name)) q.set(name, String(form.get(name)));
    for (const name of ['from', 'to']) if (form.get(name)) q.set(name, new Date(String(form.get(name))).toISOString());
    return q;
  }

  function row(item) {
    const detail = item.detail ? JSON.stringify(item.detail) : '';
    return D.el(
      'tr',
      { 'data-id': item.id },
      D.el('td', { text: D.fmtTime(item.at) }),
      D.el('td', { text: item.action }),
      D.el('td', { text: item.actor || '—' }),
      D.el('td', { text: item.source || '—' }),
      D.el('td', { text: item.target || '—' }),
      D.el('td', { className: 'detail', text: detail.length > 300 ? `${detail.slice(0, 300)}…` : detail, title: detail }),
    );
  }

  async function load(append) {
    const q = new URLSearchParams(query);
    if (append && cursor) q.set('cursor', cursor);
    try {
      const page = await D.getJson(`/admin/api/audit?${q}`);
      const body = $('audit').querySelector('tbody');
      if (!append) body.replaceChildren();
      for (const item of page.items) body.append(row(item));
      cursor = page.nextCursor;
      $('more').hidden = !cursor;
      $('audit').dataset.loaded = 'true';
      D.banner('');
    } catch (err) {
      D.banner(err && err.message);
    }
  }

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    query = filters();
    cursor = null;
    void load(false);
  });
  $('more').addEventListener('click', () => void load(true));
  query = filters();
  void load(false);
})();
