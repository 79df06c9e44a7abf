// A tiny DOM helper: h('p', {class: 'x', onclick: f}, 'text', child) builds elements without
// parsing markup (so no markup from data is ever parsed: texts are text nodes).
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, props, kids) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === undefined || kid === null || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

export function h(tag, props, ...kids) {
  return build(document.createElement(tag), props, kids);
}

export function svg(tag, props, ...kids) {
  return build(document.createElementNS(SVG_NS, tag), props, kids);
}

export function replace(el, ...kids) {
  el.replaceChildren();
  return build(el, {}, kids);
}

let nextId = 0;
// A labelled form field: <label for=id>text</label> + the control (every input has a label).
export function field(text, control) {
  const id = control.id || `f${++nextId}`;
  control.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, text), control);
}

export function table(head, rows, caption) {
  return h('div', {class: 'table-wrap'},
    h('table', {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, head.map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => i === 0
        ? h('th', {scope: 'row'}, c) : h('td', {}, c)))))));
}
