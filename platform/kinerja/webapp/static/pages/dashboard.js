// HR and leaders: the agency dashboard of the period. Each chart shows the numbers behind it
// as a table and offers them as CSV and XLSX (GET /exports/...); every number is the API's.
import * as api from '../api.js';
import {h, field, table} from '../dom.js';
import {t, label, percent, decimal} from '../i18n.js';
import {barChart, heatClass, PREDIKAT_COLOURS} from '../charts.js';
import {allNodes, button, downloadButton, exportButtons, section} from './common.js';

const PREDIKAT = Object.keys(PREDIKAT_COLOURS);
let unitChoice = '';  // the unit whose distribution the chart shows ('' = the agency)

export async function render(ctx, root) {
  if (!ctx.period) return;
  const parts = [
    ctx.can('result', 'read') && predikatSection,
    ctx.can('skp', 'read') && progressSection,
    ctx.can('result', 'read') && fairnessSection,
    ctx.can('development_plan', 'read') && jpSection,
    ctx.can('competency_assessment', 'read') && heatmapSection,
    ctx.can('result', 'read') && documentsSection,
  ].filter(Boolean);
  const sections = await Promise.all(parts.map((part) => part(ctx).catch((error) =>
    section(t('error'), h('p', {role: 'alert'}, error.message)))));
  root.append(h('h2', {class: 'page-title', tabindex: -1}, `${t('dashboard')} · ${ctx.periodName(ctx.period)}`), ...sections);
}

function figure(title, chart, numbers, exports) {
  return section(title, h('figure', {}, chart, h('figcaption', {class: 'sr-only'}, t('chartOf', {title}))),
    numbers, exports);
}

async function predikatSection(ctx) {
  const units = (await api.query('PredikatByUnit', {periodId: ctx.period.id})).predikatByUnit.units;
  const chosen = units.find((u) => (u.unitId || '') === unitChoice) || units[0];
  const select = h('select', {onchange: (e) => { unitChoice = e.target.value; ctx.rerender(); }},
    units.map((u) => h('option', {value: u.unitId || '', selected: u === chosen}, u.unitName || t('wholeAgency'))));
  const counts = Object.fromEntries(chosen.distribution.counts.map((c) => [c.predikat, c]));
  let bounds = [];
  let note = null;
  if (chosen.unitId) {
    const distribution = (await api.query('ResultDistribution', {periodId: ctx.period.id,
      unitId: chosen.unitId})).resultDistribution;
    const pattern = distribution.pattern;
    if (!pattern) note = h('p', {class: 'muted'}, t('noPattern'));
    else {
      bounds = pattern.bounds.filter((b) => b.predikat.length === 1).map((b) => ({
        row: PREDIKAT.indexOf(b.predikat[0]), min: b.minShare, max: b.maxShare}));
      note = h('div', {class: 'bounds'}, h('p', {}, t('bounds', {result: label('OrganisationResult', pattern.organisationResult)})),
        h('ul', {}, pattern.bounds.map((b) => h('li', {}, b.predikat.map((p) => label('Predikat', p)).join(' + '), ': ',
          [b.minShare !== null ? `${t('minimum')} ${percent(b.minShare)}` : null,
            b.maxShare !== null ? `${t('maximum')} ${percent(b.maxShare)}` : null,
            b.minCount ? `${t('minimum')} ${b.minCount}` : null].filter(Boolean).join(', ')))));
    }
  }
  const chart = barChart({title: `${t('predikatByUnit')}: ${chosen.unitName || t('wholeAgency')}`, max: 1, bounds,
    items: PREDIKAT.map((p) => ({label: label('Predikat', p), value: counts[p]?.share ?? 0,
      text: `${counts[p]?.count ?? 0} (${percent(counts[p]?.share ?? 0)})`, colour: PREDIKAT_COLOURS[p]}))});
  return figure(t('predikatByUnit'), h('div', {}, field(t('unit'), select), chart, note),
    table([t('unit'), t('total'), ...PREDIKAT.map((p) => label('Predikat', p))], units.map((u) => {
      const of = Object.fromEntries(u.distribution.counts.map((c) => [c.predikat, c.count]));
      return [u.unitName || t('wholeAgency'), u.distribution.total, ...PREDIKAT.map((p) => of[p] ?? 0)];
    }), t('predikatByUnit')),
    exportButtons(ctx, 'predikat-by-unit', {periodId: ctx.period.id}));
}

async function progressSection(ctx) {
  const rows = (await api.query('Progress', {periodId: ctx.period.id})).progress;
  const name = (r) => r.unitName || r.employeeName || t('wholeAgency');
  return figure(t('progress'),
    barChart({title: t('progress'), max: 1, items: rows.map((r) => ({label: name(r),
      value: r.realisationShare ?? 0, text: percent(r.realisationShare)}))}),
    table([t('unit'), t('skps'), t('indicators'), t('realisationShare'), t('achievement'), t('evidence')],
      rows.map((r) => [name(r), r.skps, r.indicators, `${r.indicatorsRealised} (${percent(r.realisationShare)})`,
        percent(r.achievement), r.evidence]), t('progress')),
    exportButtons(ctx, 'progress', {periodId: ctx.period.id}));
}

async function fairnessSection(ctx) {
  const report = (await api.query('RaterFairness', {periodId: ctx.period.id})).raterFairness;
  const note = h('p', {class: 'muted'}, t('fairnessNote', {n: report.minRatees}));
  if (!report.raters.length) return section(t('fairness'), note, h('p', {}, t('noData')));
  return figure(t('fairness'),
    h('div', {}, note, barChart({title: `${t('fairness')}: ${t('leniency')}`, signed: true,
      items: report.raters.map((r) => ({label: r.raterName, value: r.leniency, text: decimal(r.leniency)}))})),
    table([t('rater'), t('ratees'), t('meanScore'), t('leniency'), t('distance')],
      report.raters.map((r) => [r.raterName, r.ratees, decimal(r.meanScore), decimal(r.leniency),
        decimal(r.distance)]), t('fairness')),
    exportButtons(ctx, 'rater-fairness', {periodId: ctx.period.id}));
}

async function jpSection(ctx) {
  const rows = (await api.query('JpComplianceByUnit', {year: ctx.cycle.year})).jpComplianceByUnit;
  const name = (r) => r.unitName || t('wholeAgency');
  return figure(t('jp'),
    barChart({title: t('jp'), max: 1, items: rows.map((r) => ({label: name(r),
      value: r.complianceShare ?? 0, text: percent(r.complianceShare)}))}),
    table([t('unit'), t('employees'), t('below'), t('compliance'), t('meanJp')],
      rows.map((r) => [name(r), r.employees, r.below, percent(r.complianceShare), decimal(r.meanJp, 1)]), t('jp')),
    exportButtons(ctx, 'jp-by-unit', {year: ctx.cycle.year}));
}

async function heatmapSection(ctx) {
  const cells = (await api.query('CompetencyGapHeatmap')).competencyGapHeatmap;
  if (!cells.length) return section(t('heatmap'), h('p', {}, t('noData')));
  const codes = [...new Set(cells.map((c) => c.competencyCode))].sort();
  const units = [...new Map(cells.map((c) => [c.unitId, c.unitName])).entries()];
  const at = Object.fromEntries(cells.map((c) => [`${c.unitId}|${c.competencyCode}`, c]));
  return section(t('heatmap'), h('div', {class: 'table-wrap'}, h('table', {class: 'heatmap'},
    h('caption', {}, `${t('heatmap')}: ${t('withGap')} / ${t('employees')}`),
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, t('unit')), codes.map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, units.map(([id, unitName]) => h('tr', {}, h('th', {scope: 'row'}, unitName || t('wholeAgency')),
      codes.map((code) => {
        const cell = at[`${id}|${code}`];
        return cell ? h('td', {class: heatClass(cell.gapShare), title: `${percent(cell.gapShare)}, `
          + `${t('gap')} ${decimal(cell.meanGap)}`}, `${cell.withGap}/${cell.employees}`) : h('td', {}, '–');
      })))))),
  exportButtons(ctx, 'gap-heatmap', {}));
}

// The official documents (PDF) behind the figures: each result's evaluation and its SKP; HR
// releases the period's rated results here (then the objection window opens).
async function documentsSection(ctx) {
  const results = await allNodes('Results', {cycleId: ctx.cycle.id, periodId: ctx.period.id}, 'results');
  if (!results.length) return section(t('documents'), h('p', {}, t('noData')));
  const rated = results.filter((r) => r.status === 'RATED').length;
  return section(t('documents'),
    rated && ctx.can('result', 'release') ? h('p', {class: 'actions'}, button(t('release', {n: rated}),
      () => api.mutate('ReleaseResults', {cycleId: ctx.cycle.id, periodId: ctx.period.id})
        .then(ctx.rerender, ctx.fail), {class: 'primary'})) : null,
    table([t('employee'), t('predikat'), t('status'), t('documents')],
      results.map((r) => [r.employee?.name ?? '', label('Predikat', r.predikat), label('ResultStatus', r.status),
        h('span', {class: 'exports'},
          downloadButton(ctx, t('resultPdf'), `/documents/evaluation/${r.id}.pdf`, 'penilaian.pdf'), ' ',
          downloadButton(ctx, t('skpPdf'), `/documents/skp/${r.skpId}.pdf`, 'skp.pdf'))]), t('documents')));
}
