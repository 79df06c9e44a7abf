// Staff: my SKP and its status, my realisations of the period with evidence upload, the
// feedback threads, my result with its explanation (acknowledge or object within the window),
// my competency gaps, development plan and JP this year.
import * as api from '../api.js';
import {h, field, table} from '../dom.js';
import {t, label, day, decimal} from '../i18n.js';
import {allNodes, button, downloadButton, evidenceList, form, section, status, sub, target,
  threads} from './common.js';

const RECORDING = ['RUNNING', 'ASSESSMENT'];

export async function render(ctx, root) {
  if (!ctx.cycle) { root.append(section(t('mySkp'), h('p', {}, t('noSkp')))); return; }
  const skps = await allNodes('Skps', {cycleId: ctx.cycle.id}, 'skps');
  const own = skps.find((s) => s.employeeId === ctx.me.employeeId);
  root.append(await skpSection(ctx, own));
  if (ctx.can('result', 'read')) root.append(await resultSection(ctx));
  if (ctx.can('development_plan', 'read') && ctx.can('competency_assessment', 'read')) {
    root.append(await developmentSection(ctx));
  }
}

async function skpSection(ctx, own) {
  if (!own) return section(t('mySkp'), h('p', {}, t('noSkp')));
  const skp = (await api.query('Skp', {id: own.id, periodId: ctx.period?.id})).skp;
  const editable = skp.status === 'APPROVED' && RECORDING.includes(ctx.cycle.state)
    && ctx.can('skp', 'write') && ctx.period;
  const byIndicator = Object.fromEntries(skp.realisations.map((r) => [r.indicatorId, r]));
  return section(t('mySkp'),
    h('p', {}, `${t('status')}: `, status('SkpStatus', skp.status), ' · ',
      `${t('rater')}: ${skp.rater?.name || '–'}`),
    h('p', {class: 'actions'},
      downloadButton(ctx, t('skpPdf'), `/documents/skp/${skp.id}.pdf`, 'skp.pdf'),
      ['DRAFT', 'RETURNED'].includes(skp.status) && ctx.can('skp', 'write')
        ? button(t('submitSkp'), () => api.mutate('SubmitSkp', {id: skp.id, version: skp.version})
          .then(ctx.rerender, ctx.fail), {class: 'primary'}) : null),
    skp.workResults.map((work) => sub(`${label('WorkResultKind', work.kind)}: ${work.text}`,
      work.indicators.map((indicator) => indicatorBlock(ctx, skp, indicator,
        byIndicator[indicator.id], editable)))),
    sub(t('generalFeedback'), threads(ctx, skp.feedback.filter((f) => !f.realisationId), true)));
}

function indicatorBlock(ctx, skp, indicator, realisation, editable) {
  const about = realisation ? skp.feedback.filter((f) => f.realisationId === realisation.id) : [];
  return h('div', {class: 'indicator'},
    h('p', {class: 'indicator-text'}, indicator.text),
    h('p', {class: 'meta'}, `${label('IndicatorAspect', indicator.aspect)} · ${t('target')}: ${target(indicator)}`),
    realisation ? h('p', {class: 'realised'}, `${t('realisation')} (${ctx.periodName(ctx.period)}): `,
      realisation.value !== null ? `${decimal(realisation.value)} ${indicator.targetUnit || ''} ` : '',
      realisation.narrative || '') : null,
    evidenceList(ctx, realisation),
    editable ? realisationForm(ctx, indicator, realisation) : null,
    about.length ? h('div', {class: 'feedback'}, h('h4', {}, t('feedback')), threads(ctx, about, true)) : null);
}

function realisationForm(ctx, indicator, realisation) {
  const numeric = indicator.targetValue !== null && indicator.targetValue !== undefined;
  const value = numeric ? h('input', {type: 'number', min: 0, step: 'any', inputmode: 'decimal',
    value: realisation?.value ?? ''}) : null;
  const narrative = h('textarea', {rows: 2, text: realisation?.narrative || ''});
  const file = h('input', {type: 'file',
    accept: '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.txt,.csv'});
  return form(ctx, {class: 'realisation-form', 'aria-label': `${t('realisation')}: ${indicator.text}`},
    async () => {
      const evidence = (realisation?.evidence || []).map((e) => (e.file ? {fileId: e.file.id}
        : {url: e.url, title: e.title}));
      if (file.files.length) evidence.push({fileId: await api.upload(file.files[0])});
      await api.mutate('SaveRealisation', {indicatorId: indicator.id, periodId: ctx.period.id,
        value: value && value.value !== '' ? Number(value.value) : null,
        narrative: narrative.value.trim() || null, evidence, version: realisation?.version ?? 0});
    },
    value ? field(`${t('value')} (${indicator.targetUnit || ''})`, value) : null,
    field(t('narrative'), narrative), field(t('evidenceFile'), file),
    h('button', {type: 'submit', class: 'primary'}, t('saveRealisation')));
}

async function resultSection(ctx) {
  const results = await allNodes('Results', {cycleId: ctx.cycle.id, periodId: ctx.period.id}, 'results');
  const own = results.find((r) => r.employee?.id === ctx.me.employeeId && r.status !== 'RATED');
  if (!own) return section(t('myResult'), h('p', {class: 'muted'}, t('noResult')));
  const result = (await api.query('Result', {id: own.id})).result;
  const why = result.explanation;
  const open = result.status === 'RELEASED' && result.objectionDeadline >= ctx.today
    && ctx.can('result', 'object');
  const reasons = h('textarea', {rows: 3, required: true});
  return section(t('myResult'),
    h('p', {class: 'predikat'}, `${t('predikat')}: `, h('strong', {}, label('Predikat', result.predikat)),
      ' ', status('ResultStatus', result.status)),
    h('dl', {},
      h('dt', {}, t('ratingHasil')), h('dd', {}, label('RatingLevel', why.ratingHasil),
        ` (${label('HasilSource', why.hasilSource)})`, why.justificationHasil ? ` – ${why.justificationHasil}` : ''),
      h('dt', {}, t('ratingPerilaku')), h('dd', {}, label('RatingLevel', why.ratingPerilaku),
        why.justificationPerilaku ? ` – ${why.justificationPerilaku}` : ''),
      h('dt', {}, t('matrixCell')), h('dd', {}, `${label('RatingLevel', why.matrixCell.hasilKerja)} × `
        + `${label('RatingLevel', why.matrixCell.perilaku)} → ${label('Predikat', why.matrixCell.predikat)}`),
      h('dt', {}, t('ruleSet')), h('dd', {}, String(why.ruleSetVersion)),
      h('dt', {}, t('deadline')), h('dd', {}, day(result.objectionDeadline))),
    why.changes.length ? sub(t('changes'), h('ul', {}, why.changes.map((c) => h('li', {},
      `${label('ResultChangeKind', c.kind)}: ${label('Predikat', c.before?.predikat)} → `
      + `${label('Predikat', c.after?.predikat)} (${c.actorName || '–'}, ${day(c.at)}) ${c.reason || ''}`)))) : null,
    why.objections.length ? sub(t('objections'), h('ul', {}, why.objections.map((o) => h('li', {},
      `${label('ObjectionStatus', o.status)}: ${o.reasons}`,
      o.decision ? ` → ${label('ObjectionDecision', o.decision)} (${o.decisionReason || ''})` : '')))) : null,
    h('p', {class: 'actions'},
      downloadButton(ctx, t('resultPdf'), `/documents/evaluation/${result.id}.pdf`, 'penilaian.pdf'),
      open ? button(t('acknowledge'), () => api.mutate('AcknowledgeResult',
        {resultId: result.id, version: result.version}).then(ctx.rerender, ctx.fail)) : null),
    open ? form(ctx, {class: 'objection-form'}, () => api.mutate('FileObjection',
      {resultId: result.id, reasons: reasons.value, version: result.version}),
    field(`${t('reasons')} (${t('deadline')}: ${day(result.objectionDeadline)})`, reasons),
    h('button', {type: 'submit'}, t('object'))) : null);
}

async function developmentSection(ctx) {
  let data;
  try {
    data = await api.query('MyDevelopment', {employeeId: ctx.me.employeeId, year: ctx.cycle.year});
  } catch (error) {
    return section(t('development'), h('p', {class: 'muted'}, error.message));
  }
  const plan = data.developmentPlan;
  const gaps = data.competencyGaps;
  return section(t('development'),
    sub(t('jpThisYear'),
      h('meter', {min: 0, max: plan.minimumJp, value: plan.completedJp, 'aria-label': t('jpThisYear')}),
      h('p', {}, t('jpOf', {done: decimal(plan.completedJp, 1), min: decimal(plan.minimumJp, 0)}),
        ` · ${t('planned')}: ${decimal(plan.plannedJp, 1)} JP`),
      plan.items.length ? h('ul', {}, plan.items.map((i) => h('li', {},
        `${i.title}: ${decimal(i.actualJp ?? i.plannedJp, 1)} JP `, status('DevelopmentItemStatus', i.status)))) : null),
    gaps ? sub(`JPM ${decimal(gaps.jpm, 1)} % ${gaps.band ? `(${gaps.band.label})` : ''}`,
      table([t('competency'), t('required'), t('actual'), t('gap')],
        gaps.gaps.map((g) => [`${g.competencyCode} ${g.competencyName}`, g.requiredLevel,
          g.actualLevel ?? '–', g.gap ?? '–']))) : null);
}
