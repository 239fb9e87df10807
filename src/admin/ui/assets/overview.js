/* global document, performance, CSS, LgspDashboard */
// The overview: one row per connection, refreshed in place every few seconds.
'use strict';

(function () {
  const D = LgspDashboard;
  const tbody = document.querySelector('#services tbody');
  const CELLS = [
    'status',
    'connection',
    'breaker',
    'calls5m',
    'fail5m',
    'calls1h',
    'latency',
    'queue',
    'dead',
    'lastSuccess',
    'lastFailure',
  ];
  const NUMERIC = new Set(['calls5m', 'fail5m', 'calls1h', 'latency', 'queue', 'dead']);

  function newRow(service) {
    const row = D.el('tr', { 'data-service-id': service.id });
    for (const cell of CELLS) row.append(D.el('td', { 'data-cell': cell, className: NUMERIC.has(cell) ? 'num' : undefined }));
    const connection = row.querySelector('[data-cell=connection]');
    connection.append(
      D.el('a', { href: `/admin/services/${encodeURIComponent(service.id)}`, text: service.id }),
      D.el('span', { className: 'name', text: `${service.name} — ${service.provider}` }),
    );
    row.querySelector('[data-cell=status]').append(D.el('span', { className: 'badge' }));
    return row;
  }

  function fill(row, s) {
    const set = (cell, text, className) => {
      const node = row.querySelector(`[data-cell=${cell}]`);
      node.textContent = text;
      if (className !== undefined) node.className = className;
    };
    row.dataset.status = s.status;
    D.statusBadge(row.querySelector('[data-cell=status] .badge'), s.status);
    set('breaker', D.label(D.BREAKER, s.breaker.state), `breaker-${s.breaker.state}`);
    set('calls5m', D.fmtNum(s.last5m.count));
    set('fail5m', D.fmtNum(s.last5m.failure), s.last5m.failure > 0 ? 'num outcome-failure' : 'num');
    set('calls1h', D.fmtNum(s.last1h.count));
    set('latency', s.last5m.count ? `${D.fmtMs(s.last5m.p50)} / ${D.fmtMs(s.last5m.p95)}` : '—');
    set('queue', s.queue ? `${s.queue.waiting} / ${s.queue.active} / ${s.queue.delayed}` : 'không rõ / unknown');
    set('dead', s.queue ? String(s.queue.deadLetters) : '—', s.queue && s.queue.deadLetters > 0 ? 'num outcome-failure' : 'num');
    set('lastSuccess', s.lastSuccess ? D.fmtTime(s.lastSuccess.at) : '—');
    set('lastFailure', s.lastFailure ? `${D.fmtTime(s.lastFailure.at)} · ${s.lastFailure.errorType}` : '—');
  }

  function summarize(services) {
    for (const status of ['green', 'amber', 'red']) {
      const n = services.filter((s) => s.status === status).length;
      document.getElementById(`count-${status}`).textContent = `${D.label(D.STATUS, status)}: ${n}`;
    }
  }

  async function tick() {
    const { services } = await D.getJson('/admin/api/services');
    for (const service of services) {
      let row = tbody.querySelector(`tr[data-service-id="${CSS.escape(service.id)}"]`);
      if (!row) {
        row = newRow(service);
        tbody.append(row);
      }
      fill(row, service);
    }
    summarize(services);
    const table = document.getElementById('services');
    if (table.dataset.loaded !== 'true') {
      table.dataset.loaded = 'true';
      // Read by the browser test: time from navigation to a populated table.
      performance.mark('lgsp-overview-ready');
    }
  }

  document.addEventListener('DOMContentLoaded', () => D.poll(tick));
})();
