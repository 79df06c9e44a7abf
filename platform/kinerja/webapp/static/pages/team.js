// Raters (and HR): the team's SKPs to approve or return, realisations to give feedback on,
// ratings with the predikat previewed from the rule set's matrix, objections to decide.
import * as api from '../api.js';
import {h, field, replace, table} from '../dom.js';
import {t, label, day, decimal} from '../i18n.js';
import {allNodes, button, evidenceList, form, section, status, sub, target, threads} from './common.js';

const LEVELS = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'];
let opened = null;  // the SKP shown in detail

export async function render(ctx, root) {
  if (!ctx.cycle) return;
  const skps = (await allNodes('Skps', {cycleId: ctx.cycle.id}, 'skps'))
    .filter((s) => s.employeeId !== ctx.me.employeeId);
  const results = ctx.can('result', 'read') && ctx.period
    ? await allNodes('Results', {cycleId: ctx.cycle.id, periodId: ctx.period.id}, 'results') : [];
  const resultOf = Object.fromEntries(results.map((r) => [r.skpId, r]));
  const detail = h('div', {id: 'skp-detail'});
  root.append(section(t('team'), table([t('employee'), t('status'), t('predikat'), t('actions')],
    skps.map((skp) => [skp.employee.name, status('SkpStatus', skp.status),
      resultOf[skp.id] ? label('Predikat', resultOf[skp.id].predikat) : '–',
      h('span', {class: 'actions'},
        skp.status === 'SUBMITTED' && ctx.can('skp', 'approve') ? button(t('approve'),
          () => api.mutate('ApproveSkp', {id: skp.id, version: skp.version}).then(ctx.rerender, ctx.fail),
          {'aria-label': `${t('approve')}: ${skp.employee.name}`}) : null,
        button(t('open'), async () => {
          opened = skp.id;
          await showDetail(ctx, detail, skp.id, resultOf[skp.id]).catch(ctx.fail);
        }, {'aria-label': `${t('open')}: ${skp.employee.name}`}))])), detail));
  if (opened && skps.some((s) => s.id === opened)) await showDetail(ctx, detail, opened, resultOf[opened]);
  if (ctx.can('result', 'decide')) root.append(await objectionsSection(ctx));
}

async function showDetail(ctx, container, id, result) {
  const skp = (await api.query('Skp', {id, periodId: ctx.period?.id})).skp;
  const byIndicator = Object.fromEntries(skp.realisations.map((r) => [r.indicatorId, r]));
  const mayFeedback = ctx.can('skp', 'feedback') && ctx.cycle.state !== 'CLOSED';
  const comment = h('textarea', {rows: 2, required: true});
  replace(container, section(`${skp.employee.name} · ${ctx.periodName(ctx.period)}`,
    h('p', {}, `${t('status')}: `, status('SkpStatus', skp.status),
      ' ', button(t('close'), () => { opened = null; replace(container); })),
    skp.status === 'SUBMITTED' && ctx.can('skp', 'approve') ? form(ctx, {class: 'inline'},
      () => api.mutate('ReturnSkp', {id: skp.id, comment: comment.value, version: skp.version}),
      field(t('returnComment'), comment), h('button', {type: 'submit'}, t('returnSkp'))) : null,
    skp.workResults.map((work) => sub(`${label('WorkResultKind', work.kind)}: ${work.text}`,
      work.indicators.map((indicator) => {
        const realisation = byIndicator[indicator.id];
        return h('div', {class: 'indicator'},
          h('p', {class: 'indicator-text'}, indicator.text),
          h('p', {class: 'meta'}, `${t('target')}: ${target(indicator)}`),
          realisation ? h('p', {class: 'realised'}, `${t('realisation')}: `,
            realisation.value !== null ? `${decimal(realisation.value)} ` : '', realisation.narrative || '') : null,
          evidenceList(ctx, realisation),
          realisation ? threads(ctx, skp.feedback.filter((f) => f.realisationId === realisation.id), true) : null,
          realisation && mayFeedback ? feedbackForm(ctx, skp, realisation, indicator) : null);
      }))),
    sub(t('generalFeedback'), threads(ctx, skp.feedback.filter((f) => !f.realisationId), true),
      mayFeedback ? feedbackForm(ctx, skp, null, null) : null),
    skp.status === 'APPROVED' && ctx.can('result', 'rate') && ctx.period ? ratingForm(ctx, skp, result) : null));
  container.querySelector('h2')?.focus();
}

function feedbackForm(ctx, skp, realisation, indicator) {
  const text = h('textarea', {rows: 2, required: true});
  return form(ctx, {class: 'inline'}, () => api.mutate('GiveFeedback',
    {skpId: skp.id, text: text.value, realisationId: realisation?.id ?? null}),
  field(realisation ? `${t('feedbackText')} (${indicator.text})` : t('generalFeedback'), text),
  h('button', {type: 'submit'}, t('giveFeedback')));
}

function levelSelect(value) {
  return h('select', {required: true}, LEVELS.map((level) => h('option', {value: level,
    selected: level === value}, label('RatingLevel', level))));
}

function ratingForm(ctx, skp, result) {
  const hasil = levelSelect(result?.ratingHasil || 'SESUAI');
  const perilaku = levelSelect(result?.ratingPerilaku || 'SESUAI');
  const whyHasil = h('textarea', {rows: 2});
  const whyPerilaku = h('textarea', {rows: 2});
  const preview = h('output', {'aria-live': 'polite', class: 'preview'});
  const matrix = ctx.cycle.ruleSet?.matrix || [];
  const update = () => {
    const cell = matrix.find((c) => c.hasilKerja === hasil.value && c.perilaku === perilaku.value);
    preview.textContent = cell ? label('Predikat', cell.predikat) : '–';
  };
  hasil.addEventListener('change', update);
  perilaku.addEventListener('change', update);
  update();
  return sub(t('rate'),
    result ? h('p', {}, `${t('currentResult')}: ${label('Predikat', result.predikat)} `,
      status('ResultStatus', result.status)) : null,
    form(ctx, {class: 'rating-form'}, () => api.mutate('RateResult', {skpId: skp.id,
      periodId: ctx.period.id, ratingHasil: hasil.value, ratingPerilaku: perilaku.value,
      justificationHasil: whyHasil.value.trim() || null,
      justificationPerilaku: whyPerilaku.value.trim() || null, version: result?.version ?? null}),
    field(t('ratingHasil'), hasil), field(t('justificationHasil'), whyHasil),
    field(t('ratingPerilaku'), perilaku), field(t('justificationPerilaku'), whyPerilaku),
    h('p', {}, `${t('previewPredikat')}: `, preview),
    h('button', {type: 'submit', class: 'primary'}, t('rate'))));
}

async function objectionsSection(ctx) {
  const list = (await api.query('ObjectionsToDecide')).objectionsToDecide;
  if (!list.length) return section(t('toDecide'), h('p', {class: 'muted'}, t('noneToDecide')));
  return section(t('toDecide'), list.map((o) => {
    const hasil = levelSelect(o.result.ratingHasil || 'SESUAI');
    const perilaku = levelSelect(o.result.ratingPerilaku || 'SESUAI');
    // The new ratings matter only for CHANGE: until then they are disabled (and not sent).
    const decision = h('select', {onchange: () => {
      hasil.disabled = perilaku.disabled = decision.value !== 'CHANGE';
    }}, ['UPHOLD', 'CHANGE'].map((d) => h('option', {value: d}, label('ObjectionDecision', d))));
    hasil.disabled = perilaku.disabled = true;
    const reason = h('textarea', {rows: 2, required: true});
    return sub(`${o.result.employee?.name || '–'} · ${ctx.periodName(o.result.period)}`,
      h('p', {}, `${t('predikat')}: ${label('Predikat', o.result.predikat)} (`
        + `${label('RatingLevel', o.result.ratingHasil)} × ${label('RatingLevel', o.result.ratingPerilaku)}) · `
        + `${t('deadline')}: ${day(o.result.objectionDeadline)}`),
      h('blockquote', {}, o.reasons),
      form(ctx, {class: 'decide-form'}, () => api.mutate('DecideObjection', {objectionId: o.id,
        decision: decision.value, reason: reason.value, version: o.version,
        ratingHasil: decision.value === 'CHANGE' ? hasil.value : null,
        ratingPerilaku: decision.value === 'CHANGE' ? perilaku.value : null}),
      field(t('decision'), decision), field(t('ratingHasil'), hasil),
      field(t('ratingPerilaku'), perilaku), field(t('decisionReason'), reason),
      h('button', {type: 'submit'}, t('decide'))));
  }));
}
