// The agency's custom views the person may run (views/): each runs as them, as a table, with
// its CSV and XLSX.
import * as api from '../api.js';
import {h, replace, table} from '../dom.js';
import {t} from '../i18n.js';
import {button, downloadButton, section} from './common.js';

export async function render(ctx, root) {
  const list = (await api.query('Views')).views;
  root.append(section(t('views'), list.length ? h('ul', {class: 'views'}, list.map((view) => {
    const out = h('div', {});
    return h('li', {}, h('h3', {}, view.title), h('p', {class: 'muted'}, view.description),
      h('p', {class: 'actions'}, button(t('run'), async () => {
        try {
          const run = (await api.query('RunView', {key: view.key})).runView;
          replace(out, run.errors.length ? h('p', {role: 'alert'}, run.errors.map((e) => e.message).join(' ')) : null,
            table(run.columns.map((c) => c.label), run.rows.map((r) => r.map((v) => (v === null ? '–' : String(v)))),
              view.title));
        } catch (error) { ctx.fail(error); }
      }, {'aria-label': `${t('run')}: ${view.title}`}),
      view.csvPath ? downloadButton(ctx, t('csv'), view.csvPath, `${view.key}.csv`) : null,
      view.xlsxPath ? downloadButton(ctx, t('xlsx'), view.xlsxPath, `${view.key}.xlsx`) : null), out);
  })) : h('p', {}, t('noData'))));
}
