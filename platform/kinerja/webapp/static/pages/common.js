// Pieces the pages share: sections, downloads, paging through connections, feedback threads.
import * as api from '../api.js';
import {h, field} from '../dom.js';
import {t, label, day} from '../i18n.js';

export function section(title, ...kids) {
  return h('section', {class: 'card'}, h('h2', {tabindex: -1}, title), ...kids);
}

export function sub(title, ...kids) {
  return h('section', {class: 'sub'}, h('h3', {}, title), ...kids);
}

export function button(text, onclick, props = {}) {
  return h('button', {type: 'button', ...props, onclick}, text);
}

// A button that fetches an authenticated file (export, PDF, evidence) and saves it.
export function downloadButton(ctx, text, path, filename) {
  return button(text, () => api.download(path, filename).catch(ctx.fail), {class: 'link'});
}

export function exportButtons(ctx, name, params) {
  const query = new URLSearchParams(params).toString();
  return h('p', {class: 'exports'},
    downloadButton(ctx, t('csv'), `/exports/${name}.csv?${query}`, `${name}.csv`), ' ',
    downloadButton(ctx, t('xlsx'), `/exports/${name}.xlsx?${query}`, `${name}.xlsx`));
}

// Every node of a connection query (pages of 100).
export async function allNodes(name, variables, root) {
  const out = [];
  let after = null;
  for (;;) {
    const page = (await api.query(name, {...variables, after}))[root];
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

// A form whose submit runs `action` and then re-renders the page; errors go to the notice.
export function form(ctx, props, action, ...kids) {
  return h('form', {...props, onsubmit: async (event) => {
    event.preventDefault();
    const submit = event.target.querySelector('[type=submit]');
    submit.disabled = true;
    try {
      await action(event.target);
      ctx.rerender();
    } catch (error) {
      submit.disabled = false;
      ctx.fail(error);
    }
  }}, ...kids);
}

export function status(enumName, value) {
  return h('span', {class: `badge badge-${String(value).toLowerCase()}`}, label(enumName, value));
}

function entry(item) {
  return h('div', {class: item.byEmployee ? 'entry mine' : 'entry'},
    h('p', {class: 'meta'}, `${item.authorName || '–'} · ${day(item.createdAt)}`), h('p', {}, item.text));
}

// The feedback threads of one SKP (optionally only those about one realisation), each with a
// reply form when `canReply`.
export function threads(ctx, list, canReply) {
  if (!list.length) return h('p', {class: 'muted'}, t('noFeedback'));
  return h('ul', {class: 'threads'}, list.map((thread) => {
    const text = h('textarea', {rows: 2, required: true});
    return h('li', {class: 'thread'}, entry(thread), thread.replies.map(entry),
      canReply ? form(ctx, {class: 'inline'}, () => api.mutate('ReplyToFeedback',
        {threadId: thread.id, text: text.value}), field(t('replyText'), text),
      h('button', {type: 'submit'}, t('reply'))) : null);
  }));
}

export function target(indicator) {
  if (indicator.targetValue !== null && indicator.targetValue !== undefined) {
    return `${indicator.targetValue} ${indicator.targetUnit || ''}`.trim();
  }
  return indicator.targetText || '–';
}

export function evidenceList(ctx, realisation) {
  if (!realisation || !realisation.evidence.length) return null;
  return h('ul', {class: 'evidence'}, realisation.evidence.map((e) => h('li', {},
    e.file ? downloadButton(ctx, e.file.filename, e.file.downloadPath, e.file.filename)
      : h('a', {href: e.url, rel: 'noopener noreferrer', target: '_blank'}, e.title || e.url))));
}
