// The shell: sign-in, agency selection, language, navigation and the period every page shows.
// Pages are modules of pages/ exporting `render(ctx, root)`; `ctx` holds what the API said
// about the signed-in person (`me`, the cycle, its periods) and `can()`, which reads `me`'s
// permissions: a control is shown only when the API says the person may use it.
import * as api from './api.js';
import {h, replace, field} from './dom.js';
import {t, lang, setLang, setLabels, label} from './i18n.js';
import * as mine from './pages/mine.js';
import * as team from './pages/team.js';
import * as dashboard from './pages/dashboard.js';
import * as views from './pages/views.js';

const ENUMS = ['Predikat', 'RatingLevel', 'ResultStatus', 'SkpStatus', 'ObjectionStatus',
  'ObjectionDecision', 'PeriodKind', 'IndicatorAspect', 'WorkResultKind', 'OrganisationResult',
  'CycleState', 'DevelopmentItemStatus', 'HasilSource', 'ResultChangeKind'];
const SCOPES = ['OWN', 'SUBORDINATES', 'UNIT', 'TENANT', 'PLATFORM'];

// Each page with the permission that shows it in the navigation.
const PAGES = [
  {hash: '#/saya', title: 'navMine', module: mine, show: (c) => c.me.employeeId && c.can('skp', 'read')},
  {hash: '#/tim', title: 'navTeam', module: team,
    show: (c) => c.can('skp', 'approve') || c.can('result', 'rate') || c.can('result', 'decide')},
  {hash: '#/dasbor', title: 'navDashboard', module: dashboard,
    show: (c) => c.wider('result', 'read', 'OWN') || c.wider('skp', 'read', 'OWN')},
  {hash: '#/tampilan', title: 'navViews', module: views, show: () => true},
];

const header = document.getElementById('top');
const nav = document.getElementById('nav');
const main = document.getElementById('main');
const notice = document.getElementById('notice');
const ctx = {me: null, cycles: [], cycle: null, period: null, today: new Date().toISOString().slice(0, 10)};

ctx.scope = (resource, action) => {
  const held = (ctx.me?.permissions || []).filter((p) => p.resource === resource && p.action === action);
  return held.map((p) => p.scope).sort((a, b) => SCOPES.indexOf(b) - SCOPES.indexOf(a))[0] || null;
};
ctx.can = (resource, action) => ctx.scope(resource, action) !== null;
ctx.wider = (resource, action, than) => SCOPES.indexOf(ctx.scope(resource, action)) > SCOPES.indexOf(than);
ctx.fail = (error) => showError(error);
ctx.rerender = () => route();
ctx.periodName = (p) => (p ? `${label('PeriodKind', p.kind)} ${p.kind === 'YEAR' ? '' : p.number}`.trim() : '–');

function showError(error) {
  replace(notice, h('p', {role: 'alert', class: 'error'}, `${t('error')}: ${error.message || error}`));
}

function clearNotice() { replace(notice); }

function renderHeader() {
  const me = ctx.me;
  replace(header,
    h('h1', {}, t('app')),
    h('div', {class: 'tools'},
      me ? h('span', {class: 'who'}, me.user.displayName, me.tenant ? ` · ${me.tenant.name}` : '') : null,
      me && me.tenants.length > 1 && me.tenant ? h('button', {type: 'button', onclick: () => {
        api.setTenant(null); ctx.me = null; route();
      }}, t('switchAgency')) : null,
      h('button', {type: 'button', lang: lang() === 'id' ? 'en' : 'id', onclick: () => {
        setLang(lang() === 'id' ? 'en' : 'id'); ctx.labelsOf = null; route();
      }}, t('language')),
      me ? h('button', {type: 'button', onclick: () => { api.signOut(); ctx.me = null; route(); }},
        t('signOut')) : null));
}

function renderNav(pages, current) {
  const periods = ctx.cycle ? ctx.cycle.periods.filter((p) => p.kind !== 'YEAR' || ctx.cycle.periods.length === 1) : [];
  const select = h('select', {onchange: (e) => {
    ctx.period = ctx.cycle.periods.find((p) => p.id === e.target.value); route();
  }}, periods.map((p) => h('option', {value: p.id, selected: p.id === ctx.period?.id}, ctx.periodName(p))));
  replace(nav,
    h('ul', {}, pages.map((p) => h('li', {}, h('a', {href: p.hash,
      'aria-current': p === current ? 'page' : null}, t(p.title))))),
    periods.length ? field(t('period'), select) : null);
}

function loginPage() {
  const username = h('input', {name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const form = h('form', {class: 'card narrow', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api.login(username.value.trim(), password.value);
      clearNotice();
      await route();
    } catch (error) { showError(error); }
  }}, h('h2', {tabindex: -1}, t('signIn')), field(t('username'), username),
  field(t('password'), password), h('button', {type: 'submit', class: 'primary'}, t('signIn')));
  replace(nav);
  replace(main, form);
  username.focus();
}

function agencyPage() {
  replace(nav);
  replace(main, h('section', {class: 'card narrow'},
    h('h2', {tabindex: -1}, t('chooseAgency')),
    h('ul', {class: 'choices'}, ctx.me.tenants.map((tenant) => h('li', {}, h('button', {type: 'button',
      onclick: async () => { api.setTenant(tenant.slug); ctx.me = null; await route(); }}, tenant.name))))));
  main.querySelector('button')?.focus();
}

async function loadAgency() {
  const me = (await api.query('Me')).me;
  if (!me.tenant) { ctx.me = me; return; }
  const [labels, cycles] = await Promise.all([api.query('Labels', {names: ENUMS}), api.query('Cycles')]);
  setLabels(labels.enumLabels);
  ctx.labelsOf = lang();
  ctx.cycles = cycles?.cycles || [];
  ctx.cycle = ctx.cycles.find((c) => ['RUNNING', 'ASSESSMENT', 'CALIBRATION'].includes(c.state)) || ctx.cycles[0] || null;
  const ended = (ctx.cycle?.periods || []).filter((p) => p.kind !== 'YEAR' && p.endsOn < ctx.today);
  ctx.period = ended[ended.length - 1] || ctx.cycle?.periods[0] || null;
  ctx.me = me;  // last: a page is drawn only for a fully loaded agency
}

let routing = 0;  // the latest navigation: an older one still loading never draws over it

async function route() {
  const run = ++routing;
  clearNotice();  // an error shown stays until the next success or navigation
  try {
    document.documentElement.lang = lang();
    document.title = t('app');
    if (!api.signedIn()) { ctx.me = null; renderHeader(); loginPage(); return; }
    if (!ctx.me) await loadAgency();
    else if (ctx.labelsOf !== lang()) {
      setLabels((await api.query('Labels', {names: ENUMS})).enumLabels);
      ctx.labelsOf = lang();
    }
    renderHeader();
    if (!ctx.me.tenant) { agencyPage(); return; }
    const pages = PAGES.filter((p) => p.show(ctx));
    const current = pages.find((p) => p.hash === location.hash) || pages[0];
    if (current.hash !== location.hash) history.replaceState(null, '', current.hash);
    renderNav(pages, current);
    replace(main, h('p', {class: 'muted'}, t('loading')));
    const root = h('div', {});
    await current.module.render(ctx, root);
    if (run !== routing) return;
    replace(main, root);
    main.querySelector('h2')?.focus({preventScroll: true});
  } catch (error) { if (run === routing) showError(error); }
}

api.whenSignedOut(() => { ctx.me = null; route(); });
let lastPage = location.hash;
window.addEventListener('hashchange', () => {
  if (location.hash === '#main') {  // the skip link: focus the content, stay on the page
    history.replaceState(null, '', lastPage);
    main.focus();
    return;
  }
  lastPage = location.hash;
  clearNotice();
  route();
});
api.init().then(route, showError);
