"""User-facing messages in Indonesian (default) and English, chosen by Accept-Language."""

from __future__ import annotations

from .labels import label

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Indonesian, English)
    "UNAUTHENTICATED": ("Anda harus masuk terlebih dahulu.", "You must sign in first."),
    "TOKEN_EXPIRED": ("Token akses sudah kedaluwarsa.", "The access token has expired."),
    "TOKEN_INVALID": ("Token akses tidak valid.", "The access token is not valid."),
    "TOKEN_UNKNOWN_USER": ("Pengguna token tidak dikenal atau dinonaktifkan.",
                           "The token's user is unknown or disabled."),
    "FORBIDDEN": ("Anda tidak memiliki izin untuk tindakan ini.",
                  "You do not have permission for this action."),
    "TENANT_REQUIRED": ("Pilih instansi dengan header X-Tenant.",
                        "Choose an agency with the X-Tenant header."),
    "TENANT_NOT_ALLOWED": ("Instansi tidak ditemukan atau Anda bukan anggotanya.",
                           "The agency does not exist or you are not a member of it."),
    "NOT_FOUND": ("Data tidak ditemukan.", "Not found."),
    # client apps (clients/)
    "USER_REQUIRED": ("Tindakan ini hanya untuk pengguna yang masuk, bukan token aplikasi.",
                      "This needs a signed-in person; an app token cannot use it."),
    "TOKEN_UNKNOWN_APP": ("Aplikasi token tidak dikenal atau dinonaktifkan.",
                          "The token's app is unknown or disabled."),
    "CLIENT_UNKNOWN": ("Aplikasi klien tidak dikenal, dinonaktifkan, atau bukan milik "
                       "instansi ini.",
                       "The client app is unknown, disabled or not enabled in this agency."),
    "CLIENT_MISMATCH": ("Header X-Client-Id tidak sesuai dengan aplikasi pada token.",
                        "The X-Client-Id header does not match the token's app."),
    "TOO_MANY": ("Terlalu banyak (maksimal {max}).", "Too many (at most {max})."),
    "HASH_MISMATCH": ("Kunci tidak sama dengan SHA-256 dari teks dokumen.",
                      "The key is not the SHA-256 of the document's text."),
    "DOCUMENT_INVALID": ("Dokumen ditolak: {detail}", "The document is refused: {detail}"),
    "DOCUMENT_NOT_FOUND": ("Dokumen {document} tidak diterbitkan untuk aplikasi ini.",
                           "Document {document} is not published for this app."),
    "PERSISTED_QUERY_NOT_FOUND": ("PersistedQueryNotFound", "PersistedQueryNotFound"),
    "PERSISTED_QUERY_HASH_MISMATCH": ("sha256Hash tidak sama dengan SHA-256 dari query.",
                                      "The sha256Hash is not the SHA-256 of the query."),
    "TRUSTED_DOCUMENT_REQUIRED": (
        "Aplikasi ini hanya menjalankan dokumen yang telah diterbitkan (kirim documentId).",
        "This app runs published documents only (send a documentId)."),
    "VIEW_NOT_READ_ONLY": ("Tampilan hanya boleh memuat kueri (query), bukan mutasi.",
                           "A view holds a query only, never a mutation."),
    "VIEW_UNKNOWN_VARIABLE": ("Tampilan tidak mengenal variabel: {detail}",
                              "The view declares no such variable: {detail}"),
    "VIEW_VARIABLE_REQUIRED": ("Variabel tampilan wajib diisi: {detail}",
                               "The view needs a value for: {detail}"),
    "VIEW_VARIABLES": ("Variabel tampilan tidak valid: {detail}",
                       "The view's variables are not valid: {detail}"),
    "VIEW_HAS_NO_TABLE": ("Tampilan ini tidak memiliki tabel (kolom).",
                          "This view has no table (columns)."),
    "VIEW_TOO_MANY_ROWS": ("Lebih dari {max} baris: ekspor dihentikan.",
                           "More than {max} rows: the export stops here."),
    "CLIENT_REQUIRED": ("Sebutkan aplikasi klien (header X-Client-Id atau token aplikasi).",
                        "Name the client app (X-Client-Id header or an app token)."),
    "INVALID_ID": ("ID tidak valid.", "The ID is not valid."),
    "UNKNOWN_ENUM": ("Enum tidak dikenal: {detail}", "Unknown enum: {detail}"),
    "BAD_REQUEST": ("Permintaan tidak valid: {detail}", "Bad request: {detail}"),
    "GRAPHQL_VALIDATION_FAILED": ("{detail}", "{detail}"),
    "QUERY_TOO_COMPLEX": ("Kueri terlalu rumit: {detail}", "The query is too complex: {detail}"),
    "INVALID_TEXT": (
        "Teks pada {field} memuat karakter yang tidak dapat disimpan (posisi {position}).",
        "The text in {field} holds a character that cannot be stored (position {position})."),
    "PAGE_SIZE": ("Ukuran halaman harus antara 1 dan {max}.",
                  "The page size must be between 1 and {max}."),
    "INVALID_CURSOR": ("Kursor halaman tidak valid.", "The page cursor is not valid."),
    "INTERNAL_SERVER_ERROR": ("Terjadi kesalahan tak terduga.", "Unexpected error."),
    "SERVICE_UNAVAILABLE": ("Layanan sedang tidak tersedia; coba lagi sebentar lagi.",
                            "The service is unavailable at the moment; try again shortly."),
    "INVALID_CREDENTIALS": ("Nama pengguna atau kata sandi salah.",
                            "Wrong username or password."),
    "TOO_MANY_ATTEMPTS": ("Terlalu banyak percobaan masuk; coba lagi dalam {seconds} detik.",
                          "Too many sign-in attempts; try again in {seconds} seconds."),
    "CONFLICT": ("Data telah diubah oleh orang lain; muat ulang lalu coba lagi.",
                 "The record was changed by someone else; reload and try again."),
    # audit chain problems (verifyAuditTrail, kinerja audit-verify)
    "AUDIT_CONTENT_CHANGED": ("Isi peristiwa tidak lagi sesuai dengan hash-nya (diubah).",
                              "The event's content no longer matches its hash (changed)."),
    "AUDIT_LINK_BROKEN": ("Tautan ke peristiwa sebelumnya terputus.",
                          "The link to the previous event is broken."),
    "AUDIT_MISSING": ("Nomor urut ini hilang (peristiwa dihapus).",
                      "This sequence number is missing (an event was removed)."),
    "AUDIT_OUT_OF_ORDER": ("Urutan peristiwa tidak sah (waktu mundur atau nomor berulang).",
                           "Events out of order (time runs backwards or a number repeats)."),
    "AUDIT_BEYOND_HEAD": ("Ada peristiwa setelah ujung rantai yang tercatat (disisipkan).",
                          "Events after the recorded head of the chain (inserted)."),
    # field-level codes
    "REQUIRED": ("Wajib diisi.", "Required."),
    "TOO_LONG": ("Terlalu panjang (maksimal {max} karakter).",
                 "Too long (at most {max} characters)."),
    "INVALID_VALUE": ("Nilai tidak valid: {detail}", "Invalid value: {detail}"),
    "DUPLICATE": ("Sudah dipakai: {detail}", "Already in use: {detail}"),
    "UNKNOWN_REFERENCE": ("Rujukan tidak ditemukan.", "The referenced record does not exist."),
    "CYCLE": ("Rujukan membentuk siklus.", "The reference would create a cycle."),
    "INVALID_RANK": ("Pangkat/golongan tidak sesuai jenis pegawai.",
                     "The rank does not fit the employee type."),
    "INVALID_LEVEL": ("Jenjang tidak sesuai jenis jabatan.",
                      "The level does not fit the position type."),
    "INVALID_DATES": ("Rentang tanggal tidak valid.", "The date range is not valid."),
    "SELF_REFERENCE": ("Pegawai tidak dapat menilai dirinya sendiri.",
                       "An employee cannot rate themselves."),
    "WEAK_PASSWORD": ("Kata sandi minimal {min} karakter.",
                      "The password needs at least {min} characters."),
    "INVALID_PERMISSION": ("Izin tidak dikenal: {detail}", "Unknown permission: {detail}"),
    "PERMISSION_NOT_HELD": ("Anda tidak dapat memberikan izin yang tidak Anda miliki: {detail}",
                            "You cannot grant a permission you do not hold: {detail}"),
    "BUILTIN_ROLE": ("Peran bawaan tidak dapat diubah.", "Built-in roles cannot be changed."),
    "RESERVED_ROLE": ("Peran ini hanya dapat diberikan oleh administrator platform.",
                      "Only a platform administrator can grant this role."),
    "LAST_ADMIN": ("Instansi harus memiliki setidaknya satu administrator.",
                   "The agency must keep at least one administrator."),
    "ROLE_IN_USE": ("Peran masih diberikan kepada pengguna.",
                    "The role is still assigned to users."),
    "SHARED_ACCOUNT": ("Akun ini juga dipakai di instansi lain; hanya administrator platform "
                       "yang dapat mengubahnya.",
                       "This account also belongs to another agency; only a platform "
                       "administrator can change it."),
    "NOT_A_MEMBER": ("Pengguna bukan anggota instansi ini.",
                     "The user is not a member of this agency."),
    "NO_PARENT_AGENCY": ("Instansi ini tidak memiliki instansi induk.",
                         "This agency has no parent agency."),
    "NO_PLACE_HERE": ("Pejabat dari instansi induk tidak memiliki unit atau jabatan di sini.",
                      "An official of the parent agency has no unit or position here."),
    "PARENT_OFFICIAL": ("Pejabat dari instansi induk dinilai di instansinya sendiri, bukan di "
                        "sini.",
                        "An official of the parent agency is rated in their own agency, not "
                        "here."),
    "SELF_LINK": ("Akun Anda sendiri tidak dapat Anda tautkan ke data pegawai; "
                  "mintalah admin lain.",
                  "You cannot link your own login to an employee record; ask another admin."),
    "INVALID_CSV": ("Berkas CSV tidak valid: {detail}", "Invalid CSV: {detail}"),
    "TOO_MANY_ROWS": ("Terlalu banyak baris (maksimal {max}).", "Too many rows (at most {max})."),
    "TOO_MANY_COLUMNS": ("Baris judul berisi {found} kolom (maksimal {max}).",
                         "The header has {found} columns (at most {max})."),
    "HEADER_TOO_LONG": ("Baris judul lebih panjang dari {max} byte.",
                        "The header line is longer than {max} bytes."),
    "LINE_TOO_LONG": ("Baris {row} lebih panjang dari {max} byte.",
                      "Row {row} is longer than {max} bytes."),
    "INACTIVE_REFERENCE": ("Rujukan sudah tidak aktif.", "The referenced record is inactive."),
    "OWN_RECORD": ("Anda tidak dapat mencatat hasil penilaian untuk diri sendiri.",
                   "You cannot record an assessment result for yourself."),
    "UNIT_IN_USE": ("Unit masih memiliki pegawai aktif atau sub-unit aktif.",
                    "The unit still has active employees or active sub-units."),
    "POSITION_IN_USE": ("Jabatan masih dipegang pegawai aktif.",
                        "Active employees still hold this position."),
    "RATER_IS_SUPERIOR": ("Pejabat penilai dan atasannya harus orang yang berbeda.",
                          "The rater and the rater's superior must be different people."),
    "NO_CURRENT_LINE": ("Pegawai tidak memiliki garis pelaporan yang berlaku.",
                        "The employee has no open reporting line."),
    "COLUMN_COUNT": ("Baris berisi {found} kolom; seharusnya {expected}.",
                     "The row has {found} values; expected {expected}."),
    "DUPLICATE_IN_FILE": ("Duplikat dalam berkas (baris {row}).",
                          "Duplicate within the file (row {row})."),
    "NIP_FORMAT": ("NIP harus 18 digit angka.", "The NIP must be 18 digits."),
    "NIP_BIRTH_DATE": ("Tanggal lahir dalam NIP tidak valid.",
                       "The birth date in the NIP is not valid."),
    "NIP_APPOINTMENT": ("Tanggal pengangkatan dalam NIP tidak valid.",
                        "The appointment date in the NIP is not valid."),
    "NIP_SEX": ("Kode jenis kelamin dalam NIP harus 1 atau 2.",
                "The sex digit in the NIP must be 1 or 2."),
    "NIP_SEQUENCE": ("Nomor urut dalam NIP tidak boleh 000.",
                     "The sequence number in the NIP cannot be 000."),
    "LEVEL_COUNT": ("Harus berisi tepat {count} deskripsi level.",
                    "Must list exactly {count} level descriptions."),
    "OUT_OF_RANGE": ("Harus antara {min} dan {max}.", "Must be between {min} and {max}."),
    "MATRIX_INCOMPLETE": ("Matriks predikat harus memuat kesembilan sel; belum ada: {detail}",
                          "The predikat matrix must cover all nine cells; missing: {detail}"),
    "MIN_ABOVE_MAX": ("Batas minimum lebih besar dari batas maksimum.",
                      "The minimum is greater than the maximum."),
    "NO_POSITIVE_WEIGHT": ("Setidaknya satu bobot harus lebih dari nol.",
                           "At least one weight must be greater than zero."),
    "INVALID_TRANSITION": ("Status {state} tidak dapat berpindah ke {target}.",
                           "State {state} cannot move to {target}."),
    "CYCLE_CLOSED": ("Siklus sudah ditutup dan tidak dapat diubah.",
                     "The cycle is closed and cannot be changed."),
    "INVALID_CASCADE": (
        "RHK yang diintervensi harus RHK pada SKP pejabat penilai dalam siklus yang sama.",
        "The supported RHK must belong to the rater's SKP in the same cycle."),
    "TARGET_CHOICE": (
        "Isi target angka (dengan satuan) atau target kualitatif, salah satu saja.",
        "Give either a numeric target (with its unit) or a qualitative target, not both."),
    "WORK_RESULT_IN_USE": ("RHK masih diintervensi oleh RHK pegawai lain: {detail}",
                           "Other employees' RHKs still support this RHK: {detail}"),
    "INDICATOR_IN_USE": ("Indikator sudah memiliki realisasi dan tidak dapat dihapus: {detail}",
                         "The indicator has recorded realisations and cannot be removed: "
                         "{detail}"),
    "SKP_NOT_APPROVED": ("Hanya untuk SKP yang sudah disetujui (status sekarang {state}).",
                         "Only possible on an approved SKP (now {state})."),
    "WRONG_STATE": ("Siklus berstatus {state}; tindakan ini hanya boleh saat {allowed}.",
                    "The cycle is {state}; this is only possible while it is {allowed}."),
    "VALUE_NOT_ALLOWED": ("Indikator ini bertarget kualitatif; uraikan realisasinya pada narasi.",
                          "This indicator has a qualitative target; describe the realisation "
                          "in the narrative."),
    "REALISATION_EMPTY": ("Isi nilai realisasi atau narasi.", "Give a realised value or a "
                                                              "narrative."),
    "EVIDENCE_CHOICE": ("Bukti dukung berupa tautan (url) atau berkas (fileId), salah satu saja.",
                        "Evidence is either a link (url) or a file (fileId), not both."),
    "INVALID_URL": ("Tautan harus alamat http:// atau https:// yang lengkap.",
                    "The link must be a complete http:// or https:// address."),
    "SUBJECT_CHOICE": ("Umpan balik membahas satu realisasi atau satu nilai BerAKHLAK, bukan "
                       "keduanya.",
                       "Feedback is about one realisation or one BerAKHLAK value, not both."),
    "FILE_TOO_LARGE": ("Berkas terlalu besar (maksimal {max} byte).",
                       "The file is too large (at most {max} bytes)."),
    "FILE_TYPE_NOT_ALLOWED": ("Jenis berkas tidak diizinkan: {detail}",
                              "This file type is not allowed: {detail}"),
    "SKP_NOT_EDITABLE": (
        "SKP berstatus {state} tidak dapat diubah; minta pejabat penilai mengembalikannya.",
        "An SKP in state {state} cannot be changed; ask the rater to return it."),
    "PLAN_INCOMPLETE": (
        "Rencana belum lengkap: perlu RHK utama dan indikator pada setiap RHK.",
        "The plan is incomplete: it needs a main RHK and an indicator on every RHK."),
    "FUTURE_DATE": ("Tanggal tidak boleh di masa depan.", "The date cannot be in the future."),
    "NOT_PENDING": ("Penilaian berstatus {state}; hanya penilaian yang menunggu yang dapat "
                    "diputuskan.",
                    "The assessment is {state}; only a pending assessment can be decided."),
    "BAND_ORDER": ("Batas bawah harus lebih kecil dari batas bawah kategori sebelumnya.",
                   "The minimum must be below the previous band's minimum."),
    "BAND_FLOOR": ("Kategori terakhir harus dimulai dari 0.", "The last band must start at 0."),
    "KIND_FORM_MISMATCH": ("Jenis kegiatan tidak termasuk bentuk {form}.",
                           "The activity kind does not belong to the form {form}."),
    "JP_CHOICE": ("Isi salah satu saja: JP, durasi hari, atau durasi jam.",
                  "Give exactly one of: JP, a duration in days, or a duration in hours."),
    "NO_CONVERSION_RULE": ("Jenis {kind} tidak memiliki aturan konversi JP per hari; isi JP "
                           "atau durasi jam.",
                           "Kind {kind} has no JP-per-day rule; give the JP or hours."),
    "NOT_ADDRESSED": ("Kegiatan ini tidak menyasar kompetensi tersebut (menyasar: {detail}).",
                      "The activity does not address that competency (it addresses: {detail})."),
    "EVIDENCE_REQUIRED": ("Penyelesaian memerlukan bukti (tautan sertifikat).",
                          "Completion needs evidence (a certificate link)."),
    "ASSESSMENT_NOT_OPEN": (
        "Penilaian hanya dapat diisi saat siklus berjalan atau dalam masa penilaian "
        "(status siklus: {state}).",
        "Assessments can only be given while the cycle is running or in assessment "
        "(cycle state: {state})."),
    "ALREADY_SUBMITTED": ("Penilaian diri sudah dikirim dan tidak dapat diubah.",
                          "The self-assessment has been submitted and cannot be changed."),
    "ASSESSMENT_INCOMPLETE": (
        "Penilaian diri belum lengkap: beri rating pada setiap RHK dan ketujuh nilai BerAKHLAK.",
        "The self-assessment is incomplete: rate every RHK and all seven BerAKHLAK values."),
    "INVALID_REVIEWER": (
        "Pegawai ini tidak dapat menjadi penilai 360 (pegawai itu sendiri atau pejabat "
        "penilainya).",
        "This employee cannot be a 360 reviewer (the employee themselves or their rater)."),
    "REQUEST_CLOSED": ("Permintaan umpan balik berstatus {state} dan tidak dapat diubah.",
                       "The feedback request is {state} and can no longer be changed."),
    "RATINGS_INCOMPLETE": ("Beri skor 1-5 pada ketujuh nilai BerAKHLAK sebelum mengirim.",
                           "Score all seven BerAKHLAK values (1-5) before submitting."),
    # results and objections
    "OBJECTIONS_OPEN": ("Masih ada {count} keberatan yang belum diputuskan.",
                        "{count} objection(s) still wait for a decision."),
    "WRONG_CYCLE_STATE": ("Tidak dapat dilakukan saat siklus berstatus {state} (boleh: {allowed}).",
                          "Not possible while the cycle is {state} (allowed: {allowed})."),
    "PERIOD_NOT_ENDED": ("Periode belum berakhir; penilaian mulai {date}.",
                         "The period has not ended; rating opens on {date}."),
    "RESULT_LOCKED": ("Hasil berstatus {state} tidak dapat diubah lagi.",
                      "A result in state {state} can no longer be changed."),
    "JUSTIFICATION_REQUIRED": ("Alasan wajib diisi untuk rating {rating}.",
                               "A justification is required for the rating {rating}."),
    "HASIL_FROM_ORGANISATION": (
        "Pegawai memimpin unit: rating hasil kerja mengikuti hasil organisasi {result} "
        "({rating}).",
        "The employee heads the unit: Rating Hasil Kerja follows the organisation result "
        "{result} ({rating})."),
    "HEAD_NOT_IN_UNIT": ("Pimpinan harus pegawai pada unit tersebut.",
                         "The head must be an employee of the unit."),
    "OBJECTION_OPEN": ("Keberatan atas hasil ini belum diputuskan.",
                       "An objection to this result is still open."),
    "OBJECTION_WINDOW_CLOSED": ("Batas waktu keberatan sudah lewat ({date}).",
                                "The objection window closed on {date}."),
    "OBJECTION_DECIDED": ("Keberatan sudah diputuskan.", "The objection has been decided."),
    "NO_RATER": ("SKP ini tidak memiliki pejabat penilai.", "This SKP has no rater."),
    "EXPLANATION_NOT_REQUESTED": ("Penjelasan tidak diminta dari Anda.",
                                  "No explanation was asked of you."),
    "NO_CHANGE": ("Keputusan mengubah harus memberi rating yang berbeda.",
                  "A CHANGE decision needs a different rating."),
    "NO_RATER_SUPERIOR": (
        "SKP ini tidak mencatat atasan pejabat penilai; keberatan menunggu sampai SDM "
        "mencatatnya.",
        "This SKP records no rater's superior; the objection waits until HR records one."),
    "SUPERIOR_INACTIVE": (
        "Atasan pejabat penilai pada SKP ini sudah tidak aktif; SDM harus mencatat atasan "
        "yang baru.",
        "The rater's superior on this SKP is no longer active; HR must record a new one."),
    "OWN_RATING": (
        "Keberatan tidak dapat diputus oleh orang yang memasukkan rating hasil ini.",
        "An objection cannot be decided by someone who entered a rating of this result."),
    "RESULT_FINAL": (
        "Keberatan atas hasil ini sudah diputus atasan pejabat penilai; keputusan itu final.",
        "The objection to this result was decided by the rater's superior; that decision is "
        "final."),
    "SUPERIOR_RECORDED": (
        "SKP ini sudah mencatat atasan pejabat penilai yang dapat memutus keberatan.",
        "The SKP already records a rater's superior who can decide the objection."),
    "SELF_APPOINTMENT": (
        "Anda tidak dapat mencatat diri sendiri sebagai pemutus keberatan.",
        "You cannot record yourself as the one who decides the objection."),
}

SUPPORTED = ("id", "en")


def pick_language(accept_language: str | None) -> str:
    """First supported language in the header, Indonesian by default."""
    if not accept_language:
        return "id"
    for part in accept_language.split(","):
        tag = part.split(";", 1)[0].strip().lower()[:2]
        if tag in SUPPORTED:
            return tag
    return "id"


# Message parameters that hold an enum code: the text shows the code's label (the error's
# extensions keep the code itself).
LABELLED_PARAMS = {"rating": "RatingLevel", "result": "OrganisationResult"}


def message(code: str, language: str = "id", **params: object) -> str:
    texts = MESSAGES.get(code)
    if texts is None:
        return code
    template = texts[0] if language == "id" else texts[1]
    for name, enum_name in LABELLED_PARAMS.items():
        if isinstance(params.get(name), str):
            params[name] = label(enum_name, str(params[name]), language)
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
