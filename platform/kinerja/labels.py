"""Labels of every enum value the API returns, in Indonesian and English: the one place for them.

`label(enum_name, value, language)` is what documents and exports call, e.g.
`label("Predikat", "SANGAT_BAIK", "id") == "Sangat Baik"`. The GraphQL enums take their value
descriptions from here (graphql/enums.py `code_enum`), and the public `enumLabels` query serves
these tables (graphql/enum_labels.py).

- `ENUM_LABELS`: GraphQL enum name -> value -> (Indonesian, English). Indonesian labels are the
  official terms (domain guide); English ones are plain English.
- `ERROR_CODE_LABELS`: code -> (Indonesian, English), shared by every per-mutation
  `<Mutation>ErrorCode` enum (they draw on one vocabulary of codes). A payload error also carries
  a full `message` (i18n.py); these are the short names of the codes.
- A new enum (or a new value, or a new error code) needs its labels here:
  tests/unit/test_labels.py walks the schema and fails on any value without both labels.

Pure Python, stdlib only (plus the reference tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from . import reference as ref

Labels = Mapping[str, tuple[str, str]]  # value -> (Indonesian, English)

LANGUAGES = ("id", "en")
ERROR_CODE_SUFFIX = "ErrorCode"


class UnknownEnum(LookupError):
    """`label()` was asked about an enum this module has no labels for (a programming error)."""


def _rank_labels() -> dict[str, tuple[str, str]]:
    """The official title with its golongan; in English the golongan leads, the title stays."""
    out = {}
    for rank in ref.RANKS:
        if rank.code.startswith("PPPK_"):
            out[rank.code] = (rank.label, f"Grade {rank.golongan}")
        else:
            out[rank.code] = (ref.rank_display(rank.code), f"Rank {rank.golongan} ({rank.label})")
    return out


ENUM_LABELS: dict[str, Labels] = {
    # --- agencies, people, positions (reference.py) ----------------------------------------
    "TenantKind": {
        "KECAMATAN": ("Kecamatan", "Sub-district office"),
        "KELURAHAN": ("Kelurahan", "Urban village office"),
        "PUSKESMAS": ("Puskesmas", "Community health centre"),
        "SEKOLAH": ("Sekolah", "School"),
        "DINAS": ("Dinas", "Government service office"),
        "OTHER": ("Lainnya", "Other"),
    },
    "EmployeeType": {
        "PNS": ("Pegawai Negeri Sipil", "Civil servant (PNS)"),
        "PPPK": ("Pegawai Pemerintah dengan Perjanjian Kerja",
                 "Government employee with a work agreement (PPPK)"),
    },
    "Acting": {
        "NONE": ("Definitif", "Definitive"),
        "PLT": ("Pelaksana Tugas (Plt.)", "Acting official (Plt.)"),
        "PLH": ("Pelaksana Harian (Plh.)", "Day-to-day acting official (Plh.)"),
    },
    "Rank": _rank_labels(),
    "PositionType": {
        "JPT": ("Jabatan Pimpinan Tinggi", "High leadership position"),
        "ADMINISTRASI": ("Jabatan Administrasi", "Administrative position"),
        "FUNGSIONAL_KEAHLIAN": ("Jabatan Fungsional Keahlian", "Functional position (expert)"),
        "FUNGSIONAL_KETERAMPILAN": ("Jabatan Fungsional Keterampilan",
                                    "Functional position (skilled)"),
    },
    "PositionLevel": {
        "JPT_UTAMA": ("JPT Utama", "Principal high leadership"),
        "JPT_MADYA": ("JPT Madya", "Middle high leadership"),
        "JPT_PRATAMA": ("JPT Pratama", "Primary high leadership"),
        "ADMINISTRATOR": ("Administrator", "Administrator"),
        "PENGAWAS": ("Pengawas", "Supervisor"),
        "PELAKSANA": ("Pelaksana", "Implementing staff"),
        "AHLI_UTAMA": ("Ahli Utama", "Principal expert"),
        "AHLI_MADYA": ("Ahli Madya", "Senior expert"),
        "AHLI_MUDA": ("Ahli Muda", "Junior expert"),
        "AHLI_PERTAMA": ("Ahli Pertama", "Entry-level expert"),
        "PENYELIA": ("Penyelia", "Supervising technician"),
        "MAHIR": ("Mahir", "Proficient"),
        "TERAMPIL": ("Terampil", "Skilled"),
        "PEMULA": ("Pemula", "Beginner"),
    },
    "PermissionScope": {
        "OWN": ("Data sendiri", "Own record"),
        "SUBORDINATES": ("Pegawai yang dinilai", "People one rates"),
        "UNIT": ("Unit kerja sendiri", "Own unit"),
        "TENANT": ("Seluruh instansi", "Whole agency"),
        "PLATFORM": ("Platform", "Platform"),
    },
    # --- rule sets and cycles -------------------------------------------------------------
    "RatingLevel": {
        "DI_ATAS": ("Di Atas Ekspektasi", "Above expectations"),
        "SESUAI": ("Sesuai Ekspektasi", "Meets expectations"),
        "DI_BAWAH": ("Di Bawah Ekspektasi", "Below expectations"),
    },
    "Predikat": {
        "SANGAT_BAIK": ("Sangat Baik", "Very good"),
        "BAIK": ("Baik", "Good"),
        "BUTUH_PERBAIKAN": ("Butuh Perbaikan", "Needs improvement"),
        "KURANG_MISCONDUCT": ("Kurang/Misconduct", "Poor/misconduct"),
        "SANGAT_KURANG": ("Sangat Kurang", "Very poor"),
    },
    "OrganisationResult": {
        "ISTIMEWA": ("Istimewa", "Outstanding"),
        "BAIK": ("Baik", "Good"),
        "BUTUH_PERBAIKAN": ("Butuh Perbaikan", "Needs improvement"),
        "KURANG": ("Kurang", "Poor"),
        "SANGAT_KURANG": ("Sangat Kurang", "Very poor"),
    },
    "PeriodGranularity": {
        "MONTHLY": ("Bulanan", "Monthly"),
        "QUARTERLY": ("Triwulanan", "Quarterly"),
    },
    "PeriodKind": {
        "MONTH": ("Bulan", "Month"),
        "QUARTER": ("Triwulan", "Quarter"),
        "YEAR": ("Tahun", "Year"),
    },
    "SmallUnitRounding": {
        "LENIENT": ("Longgar", "Lenient"),
        "NEAREST": ("Pembulatan terdekat", "Nearest"),
        "STRICT": ("Ketat", "Strict"),
    },
    "ObjectionDayKind": {
        "CALENDAR": ("Hari kalender", "Calendar days"),
        "WORKING": ("Hari kerja", "Working days"),
    },
    "FeedbackSource": {
        "SELF": ("Diri sendiri", "Self"),
        "PEER": ("Rekan kerja", "Peer"),
        "SUBORDINATE": ("Bawahan", "Subordinate"),
        "RATER": ("Pejabat Penilai Kinerja", "Rater"),
    },
    "CycleState": {
        "DRAFT": ("Draf", "Draft"),
        "PLANNING": ("Perencanaan", "Planning"),
        "RUNNING": ("Pelaksanaan", "Running"),
        "ASSESSMENT": ("Penilaian", "Assessment"),
        "CALIBRATION": ("Kalibrasi", "Calibration"),
        "CLOSED": ("Ditutup", "Closed"),
    },
    # --- the SKP and its monitoring -------------------------------------------------------
    "SkpStatus": {
        "DRAFT": ("Draf", "Draft"),
        "SUBMITTED": ("Diajukan", "Submitted"),
        "APPROVED": ("Disetujui", "Approved"),
        "RETURNED": ("Dikembalikan", "Returned"),
    },
    "WorkResultKind": {
        "UTAMA": ("Utama", "Main"),
        "TAMBAHAN": ("Tambahan", "Additional"),
    },
    "IndicatorAspect": {
        "KUANTITAS": ("Kuantitas", "Quantity"),
        "KUALITAS": ("Kualitas", "Quality"),
        "WAKTU": ("Waktu", "Time"),
        "BIAYA": ("Biaya", "Cost"),
    },
    "BerakhlakValue": {
        "BERORIENTASI_PELAYANAN": ("Berorientasi Pelayanan", "Service-oriented"),
        "AKUNTABEL": ("Akuntabel", "Accountable"),
        "KOMPETEN": ("Kompeten", "Competent"),
        "HARMONIS": ("Harmonis", "Harmonious"),
        "LOYAL": ("Loyal", "Loyal"),
        "ADAPTIF": ("Adaptif", "Adaptive"),
        "KOLABORATIF": ("Kolaboratif", "Collaborative"),
    },
    "EvidenceKind": {
        "LINK": ("Tautan", "Link"),
        "FILE": ("Berkas", "File"),
    },
    "FeedbackAbout": {
        "REALISATION": ("Realisasi", "Realisation"),
        "BEHAVIOUR": ("Perilaku kerja", "Work behaviour"),
        "GENERAL": ("Umum", "General"),
    },
    # --- self-assessment and 360 feedback -------------------------------------------------
    "SelfAssessmentStatus": {
        "DRAFT": ("Draf", "Draft"),
        "SUBMITTED": ("Dikirim", "Submitted"),
    },
    "ReviewRelation": {
        "PEER": ("Rekan kerja", "Peer"),
        "SUBORDINATE": ("Bawahan", "Subordinate"),
    },
    "NominationStatus": {
        "PROPOSED": ("Diusulkan", "Proposed"),
        "NOMINATED": ("Ditetapkan", "Nominated"),
        "REJECTED": ("Usulan ditolak", "Proposal rejected"),
    },
    "ReviewRequestStatus": {
        "PENDING": ("Menunggu jawaban", "Pending"),
        "SUBMITTED": ("Dikirim", "Submitted"),
        "DECLINED": ("Tidak bersedia", "Declined"),
    },
    "ReviewStatus": {
        "PROPOSED": ("Diusulkan", "Proposed"),
        "PENDING": ("Menunggu jawaban", "Pending"),
        "SUBMITTED": ("Dikirim", "Submitted"),
        "DECLINED": ("Tidak bersedia", "Declined"),
        "REJECTED": ("Usulan ditolak", "Proposal rejected"),
    },
    "ReviewSummaryStatus": {
        "AVAILABLE": ("Tersedia", "Available"),
        "INSUFFICIENT_RESPONSES": ("Jawaban belum cukup", "Not enough responses"),
    },
    # --- results and objections -----------------------------------------------------------
    "ResultStatus": {
        "RATED": ("Dinilai", "Rated"),
        "RELEASED": ("Diumumkan", "Released"),
        "ACKNOWLEDGED": ("Diterima pegawai", "Acknowledged"),
        "OBJECTED": ("Diajukan keberatan", "Objected"),
        "FINAL": ("Final", "Final"),
    },
    "HasilSource": {
        "RATER": ("Pejabat Penilai Kinerja", "Rater"),
        "ORGANISATION": ("Hasil kinerja organisasi", "Organisation result"),
    },
    "ResultChangeKind": {
        "CALIBRATION": ("Kalibrasi", "Calibration"),
        "OBJECTION": ("Keputusan keberatan", "Objection decision"),
        "REOPEN": ("Dibuka kembali", "Reopened"),
    },
    "ObjectionStatus": {
        "OPEN": ("Menunggu keputusan", "Open"),
        "DECIDED": ("Diputuskan", "Decided"),
    },
    "ObjectionDecision": {
        "UPHOLD": ("Hasil dikuatkan", "Result upheld"),
        "CHANGE": ("Hasil diubah", "Result changed"),
    },
    "ObjectionParty": {
        "RATER": ("Pejabat Penilai Kinerja", "Rater"),
        "EMPLOYEE": ("Pegawai", "Employee"),
    },
    "DistributionWarningCode": {
        "MIN_SHARE_NOT_MET": ("Proporsi minimum tidak terpenuhi", "Minimum share not met"),
        "MAX_SHARE_EXCEEDED": ("Proporsi maksimum terlampaui", "Maximum share exceeded"),
        "MIN_COUNT_NOT_MET": ("Jumlah minimum tidak terpenuhi", "Minimum count not met"),
        "LARGEST_NOT": ("Bukan kelompok terbesar", "Not the largest group"),
        "NO_ORGANISATION_RESULT": ("Hasil kinerja organisasi belum ditetapkan",
                                   "No organisation result set"),
    },
    # --- competencies ---------------------------------------------------------------------
    "CompetencyGroup": {
        "MANAJERIAL": ("Manajerial", "Managerial"),
        "SOSIAL_KULTURAL": ("Sosial Kultural", "Socio-cultural"),
        "TEKNIS": ("Teknis", "Technical"),
    },
    "RequirementSource": {
        "DEFAULT": ("Bawaan jenjang jabatan", "Default of the position level"),
        "OVERRIDE": ("Ditetapkan SDM", "Set by HR"),
    },
    "AssessmentSource": {
        "SELF": ("Penilaian diri", "Self-assessment"),
        "RATER": ("Pejabat Penilai Kinerja", "Rater"),
        "ASSESSMENT_CENTRE": ("Assessment Center", "Assessment centre"),
    },
    "AssessmentStatus": {
        "PENDING": ("Menunggu", "Pending"),
        "ACCEPTED": ("Diterima", "Accepted"),
        "REJECTED": ("Ditolak", "Rejected"),
    },
    "GapPosition": {
        "CURRENT": ("Jabatan saat ini", "Current position"),
        "TARGET": ("Jabatan sasaran", "Target position"),
    },
    # --- training and development ---------------------------------------------------------
    "ActivityForm": {
        "KLASIKAL": ("Klasikal", "Classroom"),
        "NONKLASIKAL": ("Nonklasikal", "Non-classroom"),
    },
    "ActivityKind": {
        "PELATIHAN_KEPEMIMPINAN": ("Pelatihan Kepemimpinan", "Leadership training"),
        "PELATIHAN_MANAJERIAL": ("Pelatihan Manajerial", "Managerial training"),
        "PELATIHAN_TEKNIS": ("Pelatihan Teknis", "Technical training"),
        "PELATIHAN_FUNGSIONAL": ("Pelatihan Fungsional", "Functional training"),
        "PELATIHAN_SOSIAL_KULTURAL": ("Pelatihan Sosial Kultural", "Socio-cultural training"),
        "SEMINAR": ("Seminar", "Seminar"),
        "WORKSHOP": ("Lokakarya", "Workshop"),
        "KURSUS": ("Kursus", "Course"),
        "BIMBINGAN_TEKNIS": ("Bimbingan Teknis", "Technical guidance"),
        "COACHING": ("Coaching", "Coaching"),
        "MENTORING": ("Mentoring", "Mentoring"),
        "E_LEARNING": ("E-learning", "E-learning"),
        "PELATIHAN_JARAK_JAUH": ("Pelatihan Jarak Jauh", "Distance learning"),
        "DETASERING": ("Detasering", "Secondment"),
        "BENCHMARKING": ("Patok Banding", "Benchmarking"),
        "PERTUKARAN_PEGAWAI": ("Pertukaran Pegawai", "Staff exchange"),
        "BELAJAR_MANDIRI": ("Belajar Mandiri", "Self-study"),
        "KOMUNITAS_BELAJAR": ("Komunitas Belajar", "Learning community"),
        "BIMBINGAN_DI_TEMPAT_KERJA": ("Bimbingan di Tempat Kerja", "On-the-job guidance"),
        "MAGANG": ("Magang", "Internship"),
    },
    "DevelopmentItemStatus": {
        "PROPOSED": ("Diusulkan", "Proposed"),
        "APPROVED": ("Disetujui", "Approved"),
        "IN_PROGRESS": ("Sedang berjalan", "In progress"),
        "COMPLETED": ("Selesai", "Completed"),
        "CANCELLED": ("Dibatalkan", "Cancelled"),
    },
    "SuggestionReasonCode": {
        "GAP": ("Kesenjangan kompetensi", "Competency gap"),
        "PREDIKAT": ("Predikat kinerja", "Performance predikat"),
        "LOW_VALUE": ("Nilai BerAKHLAK rendah", "Low BerAKHLAK value"),
    },
    # --- client apps, audit, usage --------------------------------------------------------
    "ClientAppKind": {
        "WEB": ("Aplikasi web", "Web app"),
        "MOBILE": ("Aplikasi seluler", "Mobile app"),
        "SERVICE": ("Layanan (server)", "Service (server)"),
        "DASHBOARD": ("Dasbor / kios", "Dashboard / kiosk"),
    },
    "DocumentEnforcement": {
        "DOCUMENTS_ONLY": ("Hanya dokumen terbit", "Published documents only"),
        "OPEN": ("Terbuka", "Open"),
    },
    "AuditChainProblem": {
        "CONTENT_CHANGED": ("Isi peristiwa diubah", "Content changed"),
        "LINK_BROKEN": ("Tautan rantai terputus", "Link broken"),
        "MISSING": ("Peristiwa hilang", "Event missing"),
        "OUT_OF_ORDER": ("Urutan tidak sah", "Out of order"),
        "BEYOND_HEAD": ("Peristiwa setelah ujung rantai", "Events beyond the head"),
    },
    "DataViewKind": {
        "RESULT": ("Hasil kinerja", "Performance result"),
        "RESULT_EXPLANATION": ("Penjelasan hasil kinerja", "Result explanation"),
        "REVIEW_SUMMARY": ("Ringkasan umpan balik 360", "360 feedback summary"),
    },
    "UsageKind": {
        "APP": ("Aplikasi", "App"),
        "DOCUMENT": ("Dokumen", "Document"),
        "VIEW": ("Tampilan", "View"),
    },
}

# The codes of every `<Mutation>ErrorCode` enum: short names (the payload's `message` says more).
ERROR_CODE_LABELS: Labels = {
    # common to every mutation
    "REQUIRED": ("Wajib diisi", "Required"),
    "TOO_LONG": ("Terlalu panjang", "Too long"),
    "INVALID_VALUE": ("Nilai tidak valid", "Invalid value"),
    "DUPLICATE": ("Sudah dipakai", "Already in use"),
    "UNKNOWN_REFERENCE": ("Rujukan tidak ditemukan", "Unknown reference"),
    "NOT_FOUND": ("Data tidak ditemukan", "Not found"),
    "CONFLICT": ("Data diubah orang lain", "Changed by someone else"),
    # input shape and files
    "TOO_MANY": ("Terlalu banyak", "Too many"),
    "TOO_MANY_ROWS": ("Terlalu banyak baris", "Too many rows"),
    "TOO_MANY_COLUMNS": ("Terlalu banyak kolom", "Too many columns"),
    "HEADER_TOO_LONG": ("Baris judul terlalu panjang", "Header line too long"),
    "LINE_TOO_LONG": ("Baris terlalu panjang", "Line too long"),
    "COLUMN_COUNT": ("Jumlah kolom tidak sesuai", "Wrong number of columns"),
    "DUPLICATE_IN_FILE": ("Duplikat dalam berkas", "Duplicate within the file"),
    "INVALID_CSV": ("CSV tidak valid", "Invalid CSV"),
    "INVALID_TEXT": ("Karakter tidak dapat disimpan", "Unstorable character"),
    "INVALID_DATES": ("Rentang tanggal tidak valid", "Invalid date range"),
    "FUTURE_DATE": ("Tanggal di masa depan", "Date in the future"),
    "INVALID_URL": ("Tautan tidak valid", "Invalid link"),
    "OUT_OF_RANGE": ("Di luar rentang", "Out of range"),
    "MIN_ABOVE_MAX": ("Minimum melebihi maksimum", "Minimum above maximum"),
    "INACTIVE_REFERENCE": ("Rujukan tidak aktif", "Inactive reference"),
    "CYCLE": ("Rujukan melingkar", "Circular reference"),
    "SELF_REFERENCE": ("Menilai diri sendiri", "Rates themselves"),
    # accounts, roles, agencies
    "INVALID_CREDENTIALS": ("Nama pengguna atau kata sandi salah", "Wrong username or password"),
    "TOO_MANY_ATTEMPTS": ("Terlalu banyak percobaan masuk", "Too many sign-in attempts"),
    "WEAK_PASSWORD": ("Kata sandi terlalu lemah", "Weak password"),
    "INVALID_PERMISSION": ("Izin tidak dikenal", "Unknown permission"),
    "PERMISSION_NOT_HELD": ("Izin tidak Anda miliki", "Permission not held"),
    "BUILTIN_ROLE": ("Peran bawaan", "Built-in role"),
    "RESERVED_ROLE": ("Peran khusus administrator platform", "Reserved role"),
    "LAST_ADMIN": ("Administrator terakhir", "Last administrator"),
    "ROLE_IN_USE": ("Peran masih dipakai", "Role in use"),
    "SHARED_ACCOUNT": ("Akun dipakai instansi lain", "Shared account"),
    "NOT_A_MEMBER": ("Bukan anggota instansi", "Not a member"),
    "SELF_LINK": ("Menautkan akun sendiri", "Own account"),
    "NO_PARENT_AGENCY": ("Tanpa instansi induk", "No parent agency"),
    "NO_PLACE_HERE": ("Tanpa unit/jabatan di sini", "No place here"),
    "PARENT_OFFICIAL": ("Pejabat instansi induk", "Official of the parent agency"),
    "HASH_MISMATCH": ("Hash tidak sesuai", "Hash mismatch"),
    "DOCUMENT_INVALID": ("Dokumen ditolak", "Document refused"),
    "VIEW_NOT_READ_ONLY": ("Tampilan bukan kueri", "View is not read-only"),
    # people and organisation
    "INVALID_RANK": ("Pangkat/golongan tidak sesuai", "Rank does not fit"),
    "NIP_FORMAT": ("Format NIP salah", "Wrong NIP format"),
    "NIP_BIRTH_DATE": ("Tanggal lahir NIP tidak valid", "Invalid NIP birth date"),
    "NIP_APPOINTMENT": ("Tanggal pengangkatan NIP tidak valid", "Invalid NIP appointment date"),
    "NIP_SEX": ("Kode jenis kelamin NIP salah", "Wrong NIP sex digit"),
    "NIP_SEQUENCE": ("Nomor urut NIP salah", "Wrong NIP sequence number"),
    "UNIT_IN_USE": ("Unit masih dipakai", "Unit in use"),
    "POSITION_IN_USE": ("Jabatan masih dipegang", "Position in use"),
    "RATER_IS_SUPERIOR": ("Penilai sama dengan atasannya", "Rater is the superior"),
    "NO_CURRENT_LINE": ("Tanpa garis pelaporan", "No current reporting line"),
    "HEAD_NOT_IN_UNIT": ("Pimpinan bukan pegawai unit", "Head not in the unit"),
    # rule sets and cycles
    "MATRIX_INCOMPLETE": ("Matriks predikat tidak lengkap", "Predikat matrix incomplete"),
    "NO_POSITIVE_WEIGHT": ("Tanpa bobot positif", "No positive weight"),
    "LEVEL_COUNT": ("Jumlah level salah", "Wrong number of levels"),
    "INVALID_TRANSITION": ("Perpindahan status tidak sah", "Invalid transition"),
    "CYCLE_CLOSED": ("Siklus sudah ditutup", "Cycle closed"),
    "WRONG_STATE": ("Status siklus tidak sesuai", "Wrong cycle state"),
    "WRONG_CYCLE_STATE": ("Status siklus tidak sesuai", "Wrong cycle state"),
    # SKP and monitoring
    "INVALID_CASCADE": ("Intervensi RHK tidak sah", "Invalid cascade"),
    "TARGET_CHOICE": ("Pilih satu jenis target", "Choose one kind of target"),
    "WORK_RESULT_IN_USE": ("RHK masih diintervensi", "Work result in use"),
    "INDICATOR_IN_USE": ("Indikator sudah memiliki realisasi", "Indicator in use"),
    "SKP_NOT_APPROVED": ("SKP belum disetujui", "SKP not approved"),
    "SKP_NOT_EDITABLE": ("SKP tidak dapat diubah", "SKP not editable"),
    "PLAN_INCOMPLETE": ("Rencana belum lengkap", "Plan incomplete"),
    "VALUE_NOT_ALLOWED": ("Nilai tidak diperbolehkan", "Value not allowed"),
    "REALISATION_EMPTY": ("Realisasi kosong", "Empty realisation"),
    "EVIDENCE_CHOICE": ("Pilih tautan atau berkas", "Choose a link or a file"),
    "SUBJECT_CHOICE": ("Pilih satu pokok umpan balik", "Choose one subject"),
    "NO_RATER": ("Tanpa pejabat penilai", "No rater"),
    # reviews and competency assessments
    "ASSESSMENT_NOT_OPEN": ("Penilaian belum dibuka", "Assessment not open"),
    "ALREADY_SUBMITTED": ("Sudah dikirim", "Already submitted"),
    "ASSESSMENT_INCOMPLETE": ("Penilaian diri belum lengkap", "Self-assessment incomplete"),
    "INVALID_REVIEWER": ("Penilai 360 tidak sah", "Invalid reviewer"),
    "REQUEST_CLOSED": ("Permintaan sudah ditutup", "Request closed"),
    "RATINGS_INCOMPLETE": ("Skor belum lengkap", "Scores incomplete"),
    "NOT_PENDING": ("Tidak menunggu keputusan", "Not pending"),
    "OWN_RECORD": ("Data milik sendiri", "Own record"),
    "BAND_ORDER": ("Urutan kategori salah", "Wrong band order"),
    "BAND_FLOOR": ("Kategori terakhir tidak mulai dari 0", "Last band does not start at 0"),
    # training and development
    "KIND_FORM_MISMATCH": ("Jenis tidak sesuai bentuk", "Kind does not fit the form"),
    "JP_CHOICE": ("Pilih satu cara menghitung JP", "Choose one way to count JP"),
    "NO_CONVERSION_RULE": ("Tanpa aturan konversi JP", "No JP conversion rule"),
    "NOT_ADDRESSED": ("Kompetensi tidak disasar", "Competency not addressed"),
    "EVIDENCE_REQUIRED": ("Bukti wajib ada", "Evidence required"),
    # results and objections
    "OBJECTIONS_OPEN": ("Keberatan belum diputuskan", "Objections open"),
    "PERIOD_NOT_ENDED": ("Periode belum berakhir", "Period not ended"),
    "RESULT_LOCKED": ("Hasil terkunci", "Result locked"),
    "JUSTIFICATION_REQUIRED": ("Alasan wajib diisi", "Justification required"),
    "HASIL_FROM_ORGANISATION": ("Rating mengikuti hasil organisasi",
                                "Rating follows the organisation result"),
    "OBJECTION_OPEN": ("Keberatan masih terbuka", "Objection open"),
    "OBJECTION_WINDOW_CLOSED": ("Batas waktu keberatan lewat", "Objection window closed"),
    "OBJECTION_DECIDED": ("Keberatan sudah diputuskan", "Objection decided"),
    "EXPLANATION_NOT_REQUESTED": ("Penjelasan tidak diminta", "Explanation not requested"),
    "NO_CHANGE": ("Tidak ada perubahan", "No change"),
    "NO_RATER_SUPERIOR": ("Tanpa atasan pejabat penilai", "No rater's superior"),
    "SUPERIOR_INACTIVE": ("Atasan pejabat penilai tidak aktif", "Rater's superior inactive"),
    "OWN_RATING": ("Rating yang dimasukkan sendiri", "Own rating"),
    "RESULT_FINAL": ("Hasil sudah final", "Result final"),
    "SUPERIOR_RECORDED": ("Atasan sudah tercatat", "Superior already recorded"),
    "SELF_APPOINTMENT": ("Menunjuk diri sendiri", "Self-appointment"),
}


def labels_of(enum_name: str) -> Labels | None:
    """value -> (Indonesian, English) of one enum; None for an enum without labels."""
    if enum_name.endswith(ERROR_CODE_SUFFIX) and enum_name not in ENUM_LABELS:
        return ERROR_CODE_LABELS
    return ENUM_LABELS.get(enum_name)


def _language_index(language: str) -> int:
    tag = language.strip().lower()[:2]
    if tag not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}: use 'id' or 'en'")
    return LANGUAGES.index(tag)


def label(enum_name: str, value: str | Enum | None, language: str = "id") -> str:
    """The label of one enum value, e.g. label("RatingLevel", "DI_ATAS", "en") ->
    "Above expectations".

    `value` is the GraphQL value (a stored code in any case, e.g. "web" for ClientAppKind) or
    an enum member; None gives "". `language` is "id" or "en" (a tag such as "en-US" counts as
    "en"); another raises ValueError. An unknown enum raises UnknownEnum; an unknown value of a
    known enum (e.g. a legacy code in old rows) comes back unchanged.
    """
    index = _language_index(language)
    if value is None:
        return ""
    table = labels_of(enum_name)
    if table is None:
        raise UnknownEnum(enum_name)
    code = value.name if isinstance(value, Enum) else value
    texts = table.get(code) or table.get(code.upper())
    return texts[index] if texts else code


def value_description(enum_name: str, value: str) -> str | None:
    """What the SDL says of a value: "Sangat Baik (English: Very good)"."""
    table = labels_of(enum_name) or {}
    texts = table.get(value)
    if texts is None:
        return None
    label_id, label_en = texts
    return label_id if label_id == label_en else f"{label_id} (English: {label_en})"
