// Hand-written SVG charts (no library): horizontal bars, readable on a phone. Each chart is an
// <svg role="img"> with a <title>; the numbers behind it are always also shown as a table.
// Colours have a contrast of at least 3:1 against the white background (WCAG 1.4.11); the
// browser test checks it.
import {svg} from './dom.js';

export const PREDIKAT_COLOURS = {
  SANGAT_BAIK: '#1a7f37', BAIK: '#0969da', BUTUH_PERBAIKAN: '#9a6700',
  KURANG_MISCONDUCT: '#cf222e', SANGAT_KURANG: '#6639ba',
};
export const BAR_COLOUR = '#0b5cad';
export const NEGATIVE_COLOUR = '#b35900';

const WIDTH = 640, LABEL = 210, BAR = 340, ROW = 30;

function clip(text, size) { return text.length > size ? `${text.slice(0, size - 1)}…` : text; }

// items: [{label, value, text, colour}]; max: the value of a full bar (default the largest);
// bounds: [{row, min, max}] as values, drawn as dashed marks on that row;
// signed: bars grow left (below 0) or right from a centre line.
export function barChart({title, items, max, bounds = [], signed = false}) {
  const height = items.length * ROW + 10;
  const top = Math.max(max ?? 0, ...items.map((i) => Math.abs(i.value ?? 0)), 1e-9);
  const zero = signed ? LABEL + BAR / 2 : LABEL;
  const scale = (signed ? BAR / 2 : BAR) / top;
  const rows = items.map((item, row) => {
    const y = row * ROW + 5;
    const value = item.value ?? 0;
    const width = Math.abs(value) * scale;
    const x = value < 0 ? zero - width : zero;
    return svg('g', {class: 'bar'},
      svg('title', {}, `${item.label}: ${item.text}`),
      svg('text', {x: LABEL - 8, y: y + 18, 'text-anchor': 'end', class: 'chart-label'},
        clip(item.label, 26)),
      svg('rect', {x, y: y + 4, width: Math.max(width, value ? 1 : 0), height: ROW - 10,
        fill: item.colour || (value < 0 ? NEGATIVE_COLOUR : BAR_COLOUR), 'data-role': 'bar'}),
      svg('text', {x: (value < 0 ? zero : x + width) + 6, y: y + 18, class: 'chart-value'},
        item.text));
  });
  const marks = bounds.flatMap(({row, min, max: upper}) => [min, upper]
    .filter((v) => v !== null && v !== undefined)
    .map((v) => svg('line', {x1: zero + v * scale, x2: zero + v * scale, y1: row * ROW + 5,
      y2: row * ROW + ROW + 1, class: 'bound', 'data-role': 'bound'})));
  return svg('svg', {viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title,
    class: 'chart', preserveAspectRatio: 'xMinYMin meet'},
  svg('title', {}, title),
  svg('line', {x1: zero, x2: zero, y1: 0, y2: height, class: 'axis'}),
  rows, marks);
}

// A heatmap cell's class for a share 0..1: heat-0 (none) to heat-5 (everyone); style.css
// gives each a background and a text colour with enough contrast (no inline styles: the CSP
// allows none).
export function heatClass(share) {
  return `heat-${Math.min(5, Math.round((share ?? 0) * 5))}`;
}
