// Inline SVG charts for the operator console: horizontal bars, no library, no CDN.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * rows: [{ label, value (0..max or null), text }]; one bar per row, the text at its end.
 * Colour by `tone(value)`: 'good' | 'warn' | 'bad' | 'none'.
 */
export function barChart(rows, { max = 1, tone = () => 'good', title = '' } = {}) {
  const rowHeight = 22;
  const labelWidth = 220;
  const barWidth = 360;
  const svg = el('svg', { width: labelWidth + barWidth + 90, height: rows.length * rowHeight + 8, role: 'img', 'aria-label': title });
  const colours = { good: '#1e8449', warn: '#d4ac0d', bad: '#c0392b', none: '#aab7b8' };
  rows.forEach((row, i) => {
    const y = i * rowHeight + 4;
    svg.append(el('text', { x: 0, y: y + 14, 'font-size': 12 }, row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label));
    const width = row.value === null ? 2 : Math.max(2, Math.round((Math.min(row.value, max) / max) * barWidth));
    const bar = el('rect', { x: labelWidth, y, width, height: rowHeight - 6, fill: colours[tone(row.value)] });
    bar.append(el('title', {}, `${row.label}: ${row.text}`));
    svg.append(bar);
    svg.append(el('text', { x: labelWidth + width + 6, y: y + 14, 'font-size': 12, 'data-value': row.text }, row.text));
  });
  return svg;
}
