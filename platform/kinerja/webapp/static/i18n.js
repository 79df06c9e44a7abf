// Texts of the app in Indonesian (the default) and English. Enum values (predikat, ratings,
// statuses) are not here: their labels come from the API (`enumLabels`), like everywhere else.
const TEXTS = {
  id: {
    app: 'Dasbor Kinerja', signIn: 'Masuk', signOut: 'Keluar', username: 'Nama pengguna',
    password: 'Kata sandi', language: 'English', chooseAgency: 'Pilih instansi',
    agency: 'Instansi', switchAgency: 'Ganti instansi', period: 'Periode',
    navMine: 'Kinerja saya', navTeam: 'Tim saya', navDashboard: 'Dasbor instansi',
    navViews: 'Tampilan', mySkp: 'SKP saya', noSkp: 'Belum ada SKP pada siklus ini.',
    status: 'Status', submitSkp: 'Ajukan SKP', skpPdf: 'Unduh SKP (PDF)',
    target: 'Target', realisation: 'Realisasi', value: 'Nilai realisasi', narrative: 'Uraian',
    evidenceFile: 'Bukti dukung (berkas)', saveRealisation: 'Simpan realisasi', saved: 'Tersimpan.',
    evidence: 'Bukti', feedback: 'Umpan balik', noFeedback: 'Belum ada umpan balik.',
    reply: 'Balas', replyText: 'Balasan', giveFeedback: 'Kirim umpan balik',
    feedbackText: 'Umpan balik untuk realisasi ini', generalFeedback: 'Umpan balik umum SKP',
    myResult: 'Hasil penilaian saya', noResult: 'Belum ada hasil yang dirilis untuk periode ini.',
    predikat: 'Predikat', ratingHasil: 'Rating hasil kerja', ratingPerilaku: 'Rating perilaku kerja',
    justificationHasil: 'Alasan rating hasil kerja', justificationPerilaku: 'Alasan rating perilaku kerja',
    explanation: 'Penjelasan', matrixCell: 'Sel matriks', ruleSet: 'Versi aturan',
    changes: 'Perubahan', objections: 'Keberatan', acknowledge: 'Terima hasil',
    object: 'Ajukan keberatan', reasons: 'Alasan keberatan', deadline: 'Batas keberatan',
    resultPdf: 'Unduh dokumen penilaian (PDF)', development: 'Kompetensi dan pengembangan',
    competency: 'Kompetensi', required: 'Level standar', actual: 'Level aktual', gap: 'Kesenjangan',
    jpThisYear: 'JP tahun ini', jpOf: '{done} dari {min} JP', planned: 'Direncanakan',
    team: 'SKP tim saya', employee: 'Pegawai', actions: 'Tindakan', approve: 'Setujui',
    returnSkp: 'Kembalikan', returnComment: 'Catatan pengembalian', open: 'Buka', close: 'Tutup',
    rate: 'Simpan rating', previewPredikat: 'Pratinjau predikat', currentResult: 'Hasil saat ini',
    toDecide: 'Keberatan yang harus saya putuskan', noneToDecide: 'Tidak ada keberatan terbuka.',
    decision: 'Keputusan', decisionReason: 'Alasan keputusan', decide: 'Putuskan',
    dashboard: 'Dasbor instansi', predikatByUnit: 'Sebaran predikat per unit', unit: 'Unit',
    wholeAgency: 'Seluruh instansi', bounds: 'Batas pola distribusi ({result})',
    noPattern: 'Unit ini belum memiliki hasil organisasi: tidak ada pola.',
    progress: 'Progres realisasi per unit', realisationShare: 'Indikator terealisasi',
    achievement: 'Capaian', skps: 'SKP', indicators: 'Indikator', fairness: 'Kewajaran penilai',
    rater: 'Penilai', ratees: 'Dinilai', leniency: 'Kelonggaran', distance: 'Jarak', meanScore: 'Skor rata-rata',
    fairnessNote: 'Hanya penilai dengan sedikitnya {n} pegawai dinilai.', jp: 'Kepatuhan 20 JP per unit',
    employees: 'Pegawai', below: 'Di bawah minimum', compliance: 'Memenuhi', meanJp: 'JP rata-rata',
    heatmap: 'Peta kesenjangan kompetensi', withGap: 'Dengan kesenjangan', total: 'Jumlah',
    documents: 'Dokumen resmi (PDF)', release: 'Umumkan {n} hasil yang sudah dinilai',
    count: 'Jumlah', share: 'Persentase', csv: 'Unduh CSV', xlsx: 'Unduh XLSX',
    views: 'Tampilan kustom', run: 'Jalankan', noData: 'Belum ada data.', loading: 'Memuat…',
    error: 'Terjadi kesalahan', chartOf: 'Grafik: {title}', minimum: 'min', maximum: 'maks',
    skipLink: 'Langsung ke isi',
  },
  en: {
    app: 'Kinerja Dashboard', signIn: 'Sign in', signOut: 'Sign out', username: 'Username',
    password: 'Password', language: 'Bahasa Indonesia', chooseAgency: 'Choose an agency',
    agency: 'Agency', switchAgency: 'Switch agency', period: 'Period',
    navMine: 'My performance', navTeam: 'My team', navDashboard: 'Agency dashboard',
    navViews: 'Views', mySkp: 'My SKP', noSkp: 'No SKP in this cycle yet.',
    status: 'Status', submitSkp: 'Submit SKP', skpPdf: 'Download SKP (PDF)',
    target: 'Target', realisation: 'Realisation', value: 'Realised value', narrative: 'Narrative',
    evidenceFile: 'Evidence (file)', saveRealisation: 'Save realisation', saved: 'Saved.',
    evidence: 'Evidence', feedback: 'Feedback', noFeedback: 'No feedback yet.',
    reply: 'Reply', replyText: 'Reply', giveFeedback: 'Send feedback',
    feedbackText: 'Feedback on this realisation', generalFeedback: 'General feedback on the SKP',
    myResult: 'My result', noResult: 'No released result for this period yet.',
    predikat: 'Predikat', ratingHasil: 'Work result rating', ratingPerilaku: 'Work behaviour rating',
    justificationHasil: 'Reason for the work result rating', justificationPerilaku: 'Reason for the behaviour rating',
    explanation: 'Explanation', matrixCell: 'Matrix cell', ruleSet: 'Rule set version',
    changes: 'Changes', objections: 'Objections', acknowledge: 'Accept result',
    object: 'File an objection', reasons: 'Reasons for the objection', deadline: 'Objection deadline',
    resultPdf: 'Download the evaluation (PDF)', development: 'Competencies and development',
    competency: 'Competency', required: 'Required level', actual: 'Actual level', gap: 'Gap',
    jpThisYear: 'JP this year', jpOf: '{done} of {min} JP', planned: 'Planned',
    team: 'My team’s SKPs', employee: 'Employee', actions: 'Actions', approve: 'Approve',
    returnSkp: 'Return', returnComment: 'Comment for returning', open: 'Open', close: 'Close',
    rate: 'Save rating', previewPredikat: 'Predikat preview', currentResult: 'Current result',
    toDecide: 'Objections for me to decide', noneToDecide: 'No open objections.',
    decision: 'Decision', decisionReason: 'Reason for the decision', decide: 'Decide',
    dashboard: 'Agency dashboard', predikatByUnit: 'Predikat distribution per unit', unit: 'Unit',
    wholeAgency: 'Whole agency', bounds: 'Bounds of the distribution pattern ({result})',
    noPattern: 'This unit has no organisation result yet: no pattern.',
    progress: 'Realisation progress per unit', realisationShare: 'Indicators realised',
    achievement: 'Achievement', skps: 'SKPs', indicators: 'Indicators', fairness: 'Rater fairness',
    rater: 'Rater', ratees: 'Ratees', leniency: 'Leniency', distance: 'Distance', meanScore: 'Mean score',
    fairnessNote: 'Only raters with at least {n} ratees.', jp: '20 JP compliance per unit',
    employees: 'Employees', below: 'Below the minimum', compliance: 'Meeting it', meanJp: 'Mean JP',
    heatmap: 'Competency gap heatmap', withGap: 'With a gap', total: 'Total',
    documents: 'Official documents (PDF)', release: 'Release the {n} rated results',
    count: 'Count', share: 'Share', csv: 'Download CSV', xlsx: 'Download XLSX',
    views: 'Custom views', run: 'Run', noData: 'No data yet.', loading: 'Loading…',
    error: 'Something went wrong', chartOf: 'Chart: {title}', minimum: 'min', maximum: 'max',
    skipLink: 'Skip to content',
  },
};

let language = localStorage.getItem('kinerja.lang') === 'en' ? 'en' : 'id';
let labels = {};  // enum name -> value -> label, in `language`

export function lang() { return language; }

export function setLang(value) {
  language = value;
  localStorage.setItem('kinerja.lang', value);
  document.documentElement.lang = value;
}

export function t(key, params = {}) {
  const text = TEXTS[language][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

export function setLabels(enums) {
  labels = {};
  for (const e of enums) labels[e.name] = Object.fromEntries(e.values.map((v) => [v.value, v.label]));
}

export function label(enumName, value) {
  if (value === null || value === undefined) return '–';
  return labels[enumName]?.[value] ?? value;
}

export function percent(share) {
  if (share === null || share === undefined) return '–';
  return new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB',
    {style: 'percent', maximumFractionDigits: 1}).format(share);
}

export function decimal(value, digits = 2) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB',
    {maximumFractionDigits: digits, minimumFractionDigits: 0}).format(value);
}

export function day(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB',
    {dateStyle: 'medium'}).format(new Date(iso.length === 10 ? `${iso}T00:00:00` : iso));
}
