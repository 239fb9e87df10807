/* global document, LgspDashboard */
// Quota use per consumer (issue 12): unfinished jobs, bytes queued and bucket tokens beside the limits.
'use strict';

(function () {
  const D = LgspDashboard;

  function row(c) {
    const waiting = Object.entries(c.waitingJobs);
    const busiest = waiting.reduce((max, [, n]) => Math.max(max, n), 0);
    const cells = [
      c.consumer,
      `${D.fmtNum(c.syncTokens)} / ${D.fmtNum(c.quotas.syncBurst)} (${c.quotas.syncPerSecond}/s)`,
      `${D.fmtNum(c.asyncTokens)} / ${D.fmtNum(c.quotas.asyncBurst)} (${c.quotas.asyncPerSecond}/s)`,
      `${D.fmtNum(busiest)} / ${D.fmtNum(c.quotas.waitingJobsPerConnection)}`,
      `${D.fmtNum(c.bytesQueued)} / ${D.fmtNum(c.quotas.bytesQueued)}`,
    ];
    const tr = D.el('tr', { 'data-consumer': c.consumer });
    cells.forEach((text, i) => tr.append(D.el('td', { text, className: i > 0 ? 'num' : undefined })));
    return tr;
  }

  async function tick() {
    const { consumers } = await D.getJson('/admin/api/quotas');
    document.querySelector('#quotas tbody').replaceChildren(...consumers.map(row));
  }

  document.addEventListener('DOMContentLoaded', () => D.poll(tick));
})();
