// The only module that talks to the server. Every GraphQL request is one of the app's trusted
// documents, sent by id (`documentId`) with the app's client id (`X-Client-Id`); only the
// anonymous `Login` is sent as text. The app keeps no data of its own: it shows answers.
import {lang} from './i18n.js';

const session = {clientId: null, documents: {}, anonymous: {},
  token: sessionStorage.getItem('kinerja.token'), tenant: sessionStorage.getItem('kinerja.tenant')};

export class ApiError extends Error {
  constructor(code, message, fields = []) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

let onSignedOut = () => {};
export function whenSignedOut(callback) { onSignedOut = callback; }

export async function init() {
  const answer = await fetch('/app/documents.json');
  const body = await answer.json();
  session.clientId = body.clientId;
  session.documents = body.documents;
  session.anonymous = body.anonymous;
}

export function signedIn() { return Boolean(session.token); }
export function tenant() { return session.tenant; }

export function setTenant(slug) {
  session.tenant = slug;
  if (slug) sessionStorage.setItem('kinerja.tenant', slug);
  else sessionStorage.removeItem('kinerja.tenant');
}

export function signOut() {
  session.token = null;
  session.tenant = null;
  sessionStorage.removeItem('kinerja.token');
  sessionStorage.removeItem('kinerja.tenant');
}

function headers(extra = {}) {
  const out = {'Accept-Language': lang(), 'X-Client-Id': session.clientId, ...extra};
  if (session.token) out.Authorization = `Bearer ${session.token}`;
  if (session.tenant) out['X-Tenant'] = session.tenant;
  return out;
}

async function post(body) {
  const answer = await fetch('/graphql', {method: 'POST', body: JSON.stringify(body),
    headers: headers({'Content-Type': 'application/json', Accept: 'application/json'})});
  const json = await answer.json().catch(() => ({errors: [{message: answer.statusText}]}));
  const first = (json.errors || [])[0];
  if (first) {
    const code = first.extensions?.code || `HTTP_${answer.status}`;
    if (code === 'UNAUTHENTICATED') { signOut(); onSignedOut(); }
    if (!json.data) throw new ApiError(code, first.message);
  }
  return json;
}

// A query: its data (a part refused by the API is null, the rest is shown).
export async function query(name, variables = {}) {
  const documentId = session.documents[name];
  if (!documentId) throw new ApiError('UNKNOWN_DOCUMENT', name);
  return (await post({documentId, variables, operationName: name})).data;
}

// A mutation: its payload; payload errors (a form's field errors) are thrown together.
export async function mutate(name, input) {
  const data = await query(name, {input});
  const payload = Object.values(data)[0];
  if (payload.errors && payload.errors.length) {
    throw new ApiError(payload.errors[0].code, payload.errors.map((e) => e.message).join(' '),
      payload.errors);
  }
  return payload;
}

export async function login(username, password) {
  const {data} = await post({query: session.anonymous.Login, operationName: 'Login',
    variables: {username, password}});
  const payload = data.login;
  if (payload.errors.length) throw new ApiError(payload.errors[0].code, payload.errors[0].message);
  session.token = payload.token;
  sessionStorage.setItem('kinerja.token', payload.token);
}

// An HTTP error of /files, /exports, /documents: the GraphQL-style body `errors[0]`.
function httpError(answer, body) {
  const first = (body.errors || [])[0] || {};
  return new ApiError(first.extensions?.code || `HTTP_${answer.status}`,
    first.message || answer.statusText);
}

// POST /files: evidence upload; answers the file's ID.
export async function upload(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  const answer = await fetch('/files', {method: 'POST', body: form, headers: headers()});
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) throw httpError(answer, body);
  return body.id;
}

// An authenticated download (exports, PDFs, evidence): fetched with the headers, then saved.
export async function download(path, filename) {
  const answer = await fetch(path, {headers: headers()});
  if (!answer.ok) throw httpError(answer, await answer.json().catch(() => ({})));
  const disposition = answer.headers.get('Content-Disposition') || '';
  const named = /filename="?([^";]+)"?/.exec(disposition);
  const url = URL.createObjectURL(await answer.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = named ? named[1] : filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
