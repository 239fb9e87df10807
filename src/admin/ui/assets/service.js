/* global document, location, URLSearchParams, LgspDashboard, LgspLatencyChart */
// A connection's page: health, latency chart, dead letters with replay, recent exchanges.
'use strict';

(function () {
  const D = LgspDashboard;
  const serviceId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const api = `/admin/api/services/${encodeURIComponent(serviceId)}`;
  const $ = (id) => document.getElementById(id);
  let chart = null;

  function stats(dl, pairs) {
    dl.replaceChildren(...pairs.flatMap(([term, value]) => [D.el('dt', { text: term }), D.el('dd', { text: value })]));
  }

  const windowStats = (w) => [
    ['Lượt gọi / Calls', D.fmtNum(w.count)],
    ['Thành công / Success', D.fmtNum(w.success)],
    ['Thất bại / Failures', D.fmtNum(w.failure)],
    ['p50', D.fmtMs(w.p50)],
    ['p95', D.fmtMs(w.p95)],
    ['p99', D.fmtMs(w.p99)],
  ];

  function renderHealth(s) {
    document.title = `${s.id} — Kết nối / Connection — LGSP`;
    $('svc-id').textContent = s.id;
    $('svc-name').textContent = s.name;
    $('svc-provider').textContent = s.provider;
    $('svc-direction').textContent = D.label(D.DIRECTION, s.direction);
    $('svc-protocol').textContent = s.protocol;
    $('service').dataset.status = s.status;
    D.statusBadge($('svc-status'), s.status);
    $('breaker-state').textContent = D.label(D.BREAKER, s.breaker.state);
    $('breaker-state').className = `big breaker-${s.breaker.state}`;
    $('breaker-since').textContent = D.fmtTime(s.breaker.since);
    stats($('stats-5m'), windowStats(s.last5m));
    stats($('stats-1h'), windowStats(s.last1h));
    const q = s.queue;
    stats(
      $('queue'),
      q
        ? [
            ['Chờ / Waiting', q.waiting],
            ['Đang chạy / Active', q.active],
            ['Hẹn giờ / Delayed', q.delayed],
            ['Thư lỗi / Dead letters', q.deadLetters],
          ].map(([k, v]) => [k, String(v)])
        : [['Không rõ / Unknown', '—']],
    );
    chart = chart || LgspLatencyChart.create($('chart'));
    chart.update(s.series);
  }

  function emptyRow(columns, text) {
    return D.el('tr', {}, D.el('td', { colspan: columns, className: 'empty', text }));
  }

  function renderDeadLetters({ total, items }) {
    $('dl-total').textContent = items.length < total ? `${items.length} / ${total}` : String(total);
    $('replay-all').disabled = total === 0;
    const rows = items.map((d) => {
      const button = D.el('button', { type: 'button', 'data-replay': d.jobId, text: 'Phát lại / Replay' });
      button.addEventListener('click', () => replay([d.jobId]));
      const error = d.error ? `${d.error.type}${d.error.providerCode ? ` (${d.error.providerCode})` : ''}: ${d.error.message}` : '—';
      return D.el(
        'tr',
        { 'data-job-id': d.jobId },
        D.el('td', { text: D.fmtTime(d.failedAt) }),
        D.el('td', { text: d.jobId }),
        D.el('td', { text: d.operationId }),
        D.el('td', { text: d.consumer }),
        D.el('td', { className: 'num', text: d.attempts }),
        D.el('td', { text: error }),
        D.el('td', {}, button),
      );
    });
    $('dead-letters').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(7, 'Không có thư lỗi / No dead letters')]));
  }

  function renderExchanges({ items }) {
    const rows = items.map((x) =>
      D.el(
        'tr',
        { 'data-outcome': x.outcome },
        D.el('td', { text: D.fmtTime(x.startedAt) }),
        D.el('td', { className: `outcome-${x.outcome}`, text: D.label(D.OUTCOME, x.outcome) }),
        D.el('td', { text: x.operationId }),
        D.el('td', { text: x.consumer }),
        D.el('td', { text: D.label(D.MODE, x.mode) }),
        D.el('td', { className: 'num', text: x.attempt }),
        D.el('td', { className: 'num', text: `${Math.round(x.durationMs)} ms` }),
        D.el('td', { className: 'num', text: D.fmtNum(x.httpStatus) }),
        D.el('td', { text: x.errorType ? `${x.errorType}${x.providerCode ? ` (${x.providerCode})` : ''}` : '' }),
        D.el('td', { text: x.requestId }),
      ),
    );
    $('exchanges').tBodies[0].replaceChildren(...(rows.length ? rows : [emptyRow(10, 'Chưa có trao đổi / No exchanges yet')]));
  }

  async function tick() {
    const outcome = $('outcome').value;
    const query = new URLSearchParams({ serviceId, limit: '50', ...(outcome ? { outcome } : {}) });
    const [health, deadLetters, exchanges] = await Promise.all([
      D.getJson(api),
      D.getJson(`${api}/dead-letters?limit=100`),
      D.getJson(`/admin/api/connections?${query}`),
    ]);
    renderHealth(health);
    renderDeadLetters(deadLetters);
    renderExchanges(exchanges);
    $('service').dataset.loaded = 'true';
  }

  async function replay(jobIds) {
    const result = $('replay-result');
    try {
      const { replayed, notFound } = await D.postJson(`${api}/dead-letters/replay`, jobIds ? { jobIds } : { all: true });
      result.textContent = `Đã phát lại / Replayed: ${replayed.length}${notFound.length ? ` · Không thấy / Not found: ${notFound.length}` : ''}`;
      await tick();
    } catch (err) {
      result.textContent = `Không phát lại được / Replay failed: ${err.message}`;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('replay-all').addEventListener('click', () => replay(null));
    $('outcome').addEventListener('change', () => tick().catch((err) => D.banner(err.message)));
    D.poll(tick);
  });
})();
