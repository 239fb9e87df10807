/* global window, uPlot */
// The connection page's latency chart (uPlot): p50 and p95 per minute, and calls per minute.
'use strict';

window.LgspLatencyChart = (function () {
  const HEIGHT = 300;
  const TZ = 'Asia/Ho_Chi_Minh';
  const hhmm = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const minute = (ts) => (ts === null || ts === undefined ? '—' : hhmm.format(new Date(ts * 1000)));

  function toColumns(series) {
    return [
      series.map((p) => Date.parse(p.minute) / 1000),
      series.map((p) => (p.count ? p.p50 : null)),
      series.map((p) => (p.count ? p.p95 : null)),
      series.map((p) => p.count),
      series.map((p) => p.failure),
    ];
  }

  function options(width) {
    return {
      width,
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TZ),
      scales: { x: { time: true }, calls: { auto: true } },
      series: [
        { label: 'Phút / Minute', value: (_u, ts) => minute(ts) },
        { label: 'p50 (ms)', stroke: '#0b57d0', width: 2 },
        { label: 'p95 (ms)', stroke: '#b42318', width: 2 },
        { label: 'Lượt gọi / Calls', stroke: '#8a96a8', scale: 'calls', dash: [4, 4] },
        { label: 'Lỗi / Failures', stroke: '#8a5a00', scale: 'calls', dash: [2, 2] },
      ],
      axes: [
        { values: (_u, splits) => splits.map(minute) },
        { label: 'ms' },
        { scale: 'calls', side: 1, label: 'Lượt / Calls', grid: { show: false } },
      ],
    };
  }

  /** A chart in `container` that is redrawn with each new series and follows the window's width. */
  function create(container) {
    let chart = null;
    const width = () => Math.max(300, container.clientWidth - 16);
    window.addEventListener('resize', () => chart && chart.setSize({ width: width(), height: HEIGHT }));
    return {
      update(series) {
        const data = toColumns(series);
        if (chart) chart.setData(data);
        else chart = new uPlot(options(width()), data, container);
      },
    };
  }

  return { create };
})();
