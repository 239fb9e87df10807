/* global window, document, fetch, location, setTimeout */
// Shared by the dashboard's pages: the JSON API, bilingual labels, formatting, polling.
// Everything read from the API is written with textContent, never as HTML.
'use strict';

window.LgspDashboard = (function () {
  const REFRESH_MS = 2000;
  const STATUS = { green: 'Tốt / Healthy', amber: 'Cần chú ý / Attention', red: 'Lỗi / Failing' };
  const BREAKER = { closed: 'Đóng / Closed', open: 'Mở / Open', halfOpen: 'Nửa mở / Half-open' };
  const OUTCOME = { success: 'Thành công / Success', failure: 'Thất bại / Failure' };
  const DIRECTION = { ngsp: 'Qua NGSP / Via NGSP', internal: 'Nội tỉnh / Within the province' };
  const MODE = { sync: 'Đồng bộ / Sync', async: 'Bất đồng bộ / Async' };
  const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' });

  class SessionExpired extends Error {}

  async function request(url, init) {
    const res = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      headers: { Accept: 'application/json', ...(init && init.headers) },
    });
    if (res.status === 401) {
      location.assign('/admin/login');
      throw new SessionExpired('Phiên đăng nhập đã hết hạn / The session has expired');
    }
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${res.status} ${(body && body.type) || ''} ${(body && body.message) || ''}`.trim());
    return body;
  }

  const getJson = (url) => request(url);
  // X-Requested-With: the API refuses a cookie-authenticated change without it (a cross-site form cannot send it).
  const postJson = (url, body) =>
    request(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' },
    });

  /** An element with text (never HTML) and attributes; children may be nodes or strings. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'className') node.className = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children) node.append(child);
    return node;
  }

  const fmtTime = (iso) => (iso ? timeFormat.format(new Date(iso)) : '—');
  const fmtMs = (ms) => (ms === null || ms === undefined ? '—' : `≤ ${ms} ms`);
  const fmtNum = (n) => (n === null || n === undefined ? '—' : String(n));
  const label = (table, key) => table[key] || String(key);

  function statusBadge(node, status) {
    node.className = `badge status-${status}`;
    node.textContent = `● ${label(STATUS, status)}`;
  }

  function banner(message) {
    const node = document.getElementById('banner');
    if (!node) return;
    node.hidden = !message;
    node.textContent = message ? `Không tải được dữ liệu / Could not load data: ${message}` : '';
  }

  function stamp() {
    const node = document.getElementById('updated');
    if (node) node.textContent = timeFormat.format(new Date());
  }

  /** Runs `tick` now and then REFRESH_MS after each run ends, so slow answers never pile up. */
  function poll(tick) {
    const run = async () => {
      try {
        await tick();
        banner('');
        stamp();
      } catch (err) {
        if (err instanceof SessionExpired) return;
        banner(err && err.message);
      }
      setTimeout(run, REFRESH_MS);
    };
    return run();
  }

  return { STATUS, BREAKER, OUTCOME, DIRECTION, MODE, getJson, postJson, el, fmtTime, fmtMs, fmtNum, label, statusBadge, banner, poll };
})();
