// Plotly charts. Plotly is loaded from /vendor/plotly.min.js (the installed package), never
// from a CDN. Every chart is responsive and keeps Plotly's logo and cloud links off.

const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'] };
const font = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 };

function plotly() {
  if (window.Plotly === undefined) throw new Error('the chart library did not load');
  return window.Plotly;
}

/** Price, moving average and buy/sell markers, with a range slider and 1M/6M/1Y/All buttons. */
export function priceChart(element, report) {
  const dates = report.rows.map((row) => row.date);
  const buys = report.signals.filter((signal) => signal.action === 'buy');
  const sells = report.signals.filter((signal) => signal.action === 'sell');
  const traces = [
    { type: 'scatter', mode: 'lines', name: 'Price', x: dates, y: report.rows.map((row) => row.close), line: { color: '#1f4e79', width: 1.5 } },
    { type: 'scatter', mode: 'lines', name: `MA ${report.window}`, x: dates, y: report.rows.map((row) => row.ma), line: { color: '#e69f00', width: 1.5 }, connectgaps: false },
    { type: 'scatter', mode: 'markers', name: 'Buy', x: buys.map((s) => s.date), y: buys.map((s) => s.price), marker: { symbol: 'triangle-up', size: 9, color: '#1a7f37' } },
    { type: 'scatter', mode: 'markers', name: 'Sell', x: sells.map((s) => s.date), y: sells.map((s) => s.price), marker: { symbol: 'triangle-down', size: 9, color: '#cf222e' } },
  ];
  const layout = {
    font,
    margin: { l: 50, r: 10, t: 10, b: 10 },
    height: 460,
    legend: { orientation: 'h', y: 1.12, x: 0 },
    hovermode: 'x unified',
    xaxis: {
      type: 'date',
      // Open on the last year, where signals can be told apart; the slider shows all of it.
      range: lastYear(dates),
      rangeslider: { visible: true, thickness: 0.08 },
      rangeselector: {
        y: 1.02,
        buttons: [
          { count: 1, label: '1M', step: 'month', stepmode: 'backward' },
          { count: 6, label: '6M', step: 'month', stepmode: 'backward' },
          { count: 1, label: '1Y', step: 'year', stepmode: 'backward' },
          { step: 'all', label: 'All' },
        ],
      },
    },
    yaxis: { title: { text: `Price (${report.price === 'close' ? 'close' : 'adj. close'})` }, fixedrange: false },
  };
  return plotly().react(element, traces, layout, config);
}

function lastYear(dates) {
  const last = dates.at(-1);
  if (last === undefined) return undefined;
  const start = new Date(`${last}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  const first = dates[0];
  const from = start.toISOString().slice(0, 10);
  return [from < first ? first : from, last];
}

/** Per-shard wall time of a VaR run. */
export function shardChart(element, shards) {
  const traces = [
    {
      type: 'bar',
      name: 'shard time',
      x: shards.map((shard) => `#${shard.id}`),
      y: shards.map((shard) => shard.ms / 1000),
      text: shards.map((shard) => `${shard.sims.toLocaleString('en-US')} sims`),
      hovertemplate: 'shard %{x}<br>%{y:.3f} s<br>%{text}<extra></extra>',
      marker: { color: '#1f4e79' },
    },
  ];
  const layout = { font, height: 260, margin: { l: 50, r: 10, t: 10, b: 40 }, xaxis: { title: { text: 'shard' }, type: 'category' }, yaxis: { title: { text: 'seconds' } } };
  return plotly().react(element, traces, layout, config);
}

/** Mean elapsed time and mean cost of runs, grouped by backend and R. */
export function costChart(element, groups) {
  const labels = groups.map((group) => `${group.backend} R=${group.resources}`);
  const traces = [
    { type: 'bar', name: 'mean elapsed (s)', x: labels, y: groups.map((g) => g.meanElapsedMs / 1000), marker: { color: '#1f4e79' } },
    { type: 'bar', name: 'mean cost (USD)', x: labels, y: groups.map((g) => g.meanCostUsd), yaxis: 'y2', marker: { color: '#e69f00' } },
  ];
  const layout = {
    font,
    height: 340,
    barmode: 'group',
    margin: { l: 55, r: 60, t: 10, b: 60 },
    legend: { orientation: 'h', y: 1.15, x: 0 },
    xaxis: { type: 'category' },
    yaxis: { title: { text: 'seconds' }, rangemode: 'tozero' },
    yaxis2: { title: { text: 'USD' }, overlaying: 'y', side: 'right', rangemode: 'tozero' },
  };
  return plotly().react(element, traces, layout, config);
}
