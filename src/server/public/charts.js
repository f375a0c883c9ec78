// Plotly charts. Plotly is loaded from /vendor/plotly.min.js (the installed package), never
// from a CDN. Every chart is responsive and keeps Plotly's logo and cloud links off.

const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'] };
const font = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 };

function plotly() {
  if (window.Plotly === undefined) throw new Error('the chart library did not load');
  return window.Plotly;
}

/** One marker trace for the signals of one action, at their dates and prices. */
function signalMarkers(report, action, name, symbol, color) {
  const signals = report.signals.filter((signal) => signal.action === action);
  return {
    type: 'scatter',
    mode: 'markers',
    name,
    x: signals.map((s) => s.date),
    y: signals.map((s) => s.price),
    marker: { symbol, size: 9, color },
  };
}

/** Price, moving average and buy/sell markers, with a range slider and 1M/6M/1Y/All buttons. */
export async function priceChart(element, report) {
  const dates = report.rows.map((row) => row.date);
  const traces = [
    { type: 'scatter', mode: 'lines', name: 'Price', x: dates, y: report.rows.map((row) => row.close), line: { color: '#1f4e79', width: 1.5 } },
    {
      type: 'scatter',
      mode: 'lines',
      name: `MA ${report.window}`,
      x: dates,
      y: report.rows.map((row) => row.ma),
      line: { color: '#e69f00', width: 1.5 },
      connectgaps: false,
    },
    signalMarkers(report, 'buy', 'Buy', 'triangle-up', '#1a7f37'),
    signalMarkers(report, 'sell', 'Sell', 'triangle-down', '#cf222e'),
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
      rangeslider: { visible: true, thickness: 0.08, yaxis: { rangemode: 'auto' } },
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
  layout.yaxis.range = yRange(report, layout.xaxis.range);
  const drawn = await plotly().react(element, traces, layout, config);
  // Plotly keeps the y axis fitted to all the data; refit it to the dates in view.
  element.on('plotly_relayout', (change) => {
    if (!('xaxis.range[0]' in change || 'xaxis.range' in change || 'xaxis.autorange' in change)) return;
    const range = yRange(report, element.layout.xaxis.range);
    if (range !== undefined) void plotly().relayout(element, { 'yaxis.range': range });
  });
  return drawn;
}

/** Price and MA extent between two dates, padded 5%. */
function yRange(report, xRange) {
  const [from, to] = (xRange ?? []).map((d) => String(d).slice(0, 10));
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const row of report.rows) {
    if ((from !== undefined && row.date < from) || (to !== undefined && row.date > to)) continue;
    for (const value of [row.close, row.ma]) {
      if (value === null) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  if (!(low <= high)) return undefined;
  const pad = (high - low) * 0.05 || high * 0.05;
  return [low - pad, high + pad];
}

function lastYear(dates) {
  const last = dates.at(-1);
  if (last === undefined) return undefined;
  const start = new Date(`${last}T00:00:00Z`);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  const from = start.toISOString().slice(0, 10);
  return [dates.find((date) => date >= from) ?? last, last];
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
  const layout = {
    font,
    height: 260,
    margin: { l: 50, r: 10, t: 10, b: 40 },
    xaxis: { title: { text: 'shard' }, type: 'category' },
    yaxis: { title: { text: 'seconds' } },
  };
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
