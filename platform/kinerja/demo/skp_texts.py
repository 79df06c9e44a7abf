"""Invented SKP content for the Pauh demo cycle: RHKs (rencana hasil kerja) with indicators,
per tenant kind and unit, plus additional tasks, rater expectations and return comments.

An indicator is (aspect, text, target): a target is (value, unit) or a qualitative text.
"""

from __future__ import annotations

Target = tuple[float, str] | str
IndicatorText = tuple[str, str, Target]
RhkText = tuple[str, tuple[IndicatorText, ...]]

_ON_TIME = ("WAKTU", "Ketepatan waktu penyelesaian", "Sesuai jadwal yang ditetapkan")
_NO_COMPLAINT = ("KUALITAS", "Tingkat kepuasan masyarakat", "Tanpa keluhan yang tidak tertangani")

# (tenant kind, unit code) -> RHKs of that unit; the root unit holds the head's RHKs.
UNIT_RHKS: dict[tuple[str, str], tuple[RhkText, ...]] = {
    ("KECAMATAN", "KEC"): (
        ("Meningkatnya kualitas penyelenggaraan pemerintahan di wilayah Kecamatan Pauh",
         (("KUALITAS", "Nilai evaluasi kinerja penyelenggaraan pemerintahan kecamatan",
           (80, "poin")), ("KUANTITAS", "Jumlah kelurahan yang dibina", (9, "kelurahan")))),
        ("Meningkatnya kualitas pelayanan publik di kantor kecamatan",
         (("KUALITAS", "Indeks kepuasan masyarakat terhadap layanan kecamatan", (85, "%")),)),
        ("Terwujudnya ketenteraman dan ketertiban umum di wilayah kecamatan",
         (("KUANTITAS", "Persentase gangguan trantibum yang ditangani", (100, "%")),)),
    ),
    ("KECAMATAN", "SEKRET"): (
        ("Tersusunnya dokumen perencanaan dan laporan kinerja kecamatan tepat waktu",
         (("KUANTITAS", "Jumlah dokumen perencanaan dan pelaporan", (6, "dokumen")), _ON_TIME)),
        ("Terkelolanya administrasi kepegawaian kecamatan secara tertib",
         (("KUANTITAS", "Jumlah usulan layanan kepegawaian yang diproses", (40, "usulan")),
          ("KUALITAS", "Kelengkapan berkas kepegawaian", (100, "%")))),
        ("Terkelolanya keuangan dan barang milik daerah kecamatan secara akuntabel",
         (("KUANTITAS", "Jumlah laporan pertanggungjawaban keuangan", (12, "laporan")),
          ("KUALITAS", "Temuan pemeriksaan atas pengelolaan keuangan", "Tanpa temuan material"))),
        ("Terlaksananya layanan persuratan dan kerumahtanggaan kantor",
         (("KUANTITAS", "Jumlah surat masuk dan keluar yang diadministrasikan", (1200, "surat")),
          _ON_TIME)),
    ),
    ("KECAMATAN", "PEM"): (
        ("Terlaksananya pembinaan penyelenggaraan pemerintahan kelurahan",
         (("KUANTITAS", "Jumlah kelurahan yang dibina dan dievaluasi", (9, "kelurahan")),
          ("KUALITAS", "Rekomendasi hasil pembinaan", "Ditindaklanjuti oleh kelurahan"))),
        ("Tersedianya data pertanahan dan batas wilayah yang mutakhir",
         (("KUANTITAS", "Jumlah dokumen administrasi pertanahan yang diverifikasi",
           (150, "dokumen")),)),
        ("Terlaksananya fasilitasi pemilihan ketua RT dan RW",
         (("KUANTITAS", "Jumlah RT/RW yang difasilitasi", (45, "RT/RW")), _ON_TIME)),
    ),
    ("KECAMATAN", "PELUM"): (
        ("Terlaksananya pelayanan administrasi kependudukan tepat waktu",
         (("KUANTITAS", "Jumlah dokumen kependudukan yang dilayani", (2400, "dokumen")),
          ("WAKTU", "Rata-rata waktu penyelesaian layanan", (2, "hari kerja")))),
        ("Terlaksananya pelayanan perizinan dan non-perizinan tingkat kecamatan",
         (("KUANTITAS", "Jumlah rekomendasi dan surat keterangan yang diterbitkan",
           (600, "surat")), _NO_COMPLAINT)),
        ("Meningkatnya kualitas pelayanan di Mal Pelayanan Publik kecamatan",
         (("KUALITAS", "Indeks kepuasan masyarakat", (85, "%")),
          ("KUANTITAS", "Jumlah pengaduan yang ditindaklanjuti", (100, "%")))),
    ),
    ("KECAMATAN", "TRANTIB"): (
        ("Terwujudnya ketenteraman dan ketertiban umum di wilayah kecamatan",
         (("KUANTITAS", "Jumlah patroli ketertiban yang dilaksanakan", (48, "kegiatan")),
          ("KUALITAS", "Gangguan trantibum yang ditangani", (100, "%")))),
        ("Terlaksananya penegakan peraturan daerah di wilayah kecamatan",
         (("KUANTITAS", "Jumlah pelanggaran perda yang ditertibkan", (30, "kasus")),)),
        ("Meningkatnya kesiapsiagaan masyarakat terhadap bencana",
         (("KUANTITAS", "Jumlah sosialisasi kesiapsiagaan bencana", (6, "kegiatan")),)),
    ),
    ("KECAMATAN", "PMK"): (
        ("Meningkatnya partisipasi masyarakat dalam pembangunan kelurahan",
         (("KUANTITAS", "Jumlah musrenbang kelurahan yang difasilitasi", (9, "kegiatan")),
          ("KUALITAS", "Usulan prioritas yang terdokumentasi", "Lengkap dan terverifikasi"))),
        ("Terlaksananya pembinaan lembaga kemasyarakatan kelurahan",
         (("KUANTITAS", "Jumlah LPM, PKK dan karang taruna yang dibina", (27, "lembaga")),)),
        ("Terlaksananya monitoring dana kelurahan",
         (("KUANTITAS", "Jumlah laporan monitoring dana kelurahan", (4, "laporan")), _ON_TIME)),
    ),
    ("PUSKESMAS", "PKM"): (
        ("Meningkatnya derajat kesehatan masyarakat di wilayah kerja Puskesmas Pauh",
         (("KUALITAS", "Capaian Standar Pelayanan Minimal bidang kesehatan", (95, "%")),
          ("KUANTITAS", "Cakupan kunjungan rawat jalan", (30000, "kunjungan")))),
        ("Terpenuhinya standar mutu pelayanan puskesmas",
         (("KUALITAS", "Status akreditasi puskesmas", "Paripurna"),)),
        ("Meningkatnya kepuasan pasien terhadap layanan puskesmas",
         (("KUALITAS", "Indeks kepuasan masyarakat", (88, "%")),)),
    ),
    ("PUSKESMAS", "TU"): (
        ("Terkelolanya administrasi keuangan BLUD puskesmas secara akuntabel",
         (("KUANTITAS", "Jumlah laporan keuangan BLUD", (12, "laporan")),
          ("KUALITAS", "Hasil pemeriksaan laporan keuangan", "Tanpa temuan material"))),
        ("Tersusunnya dokumen perencanaan puskesmas (RUK dan RPK)",
         (("KUANTITAS", "Jumlah dokumen perencanaan", (2, "dokumen")), _ON_TIME)),
        ("Terlaksananya pelayanan administrasi umum dan kepegawaian puskesmas",
         (("KUANTITAS", "Jumlah layanan administrasi yang diproses", (300, "layanan")),)),
    ),
    ("PUSKESMAS", "UKP"): (
        ("Terlaksananya pelayanan pemeriksaan umum sesuai standar",
         (("KUANTITAS", "Jumlah pasien yang dilayani", (4800, "pasien")),
          ("KUALITAS", "Kepatuhan terhadap panduan praktik klinis", (95, "%")))),
        ("Terlaksananya pelayanan gawat darurat 24 jam",
         (("KUANTITAS", "Jumlah kasus gawat darurat yang ditangani", (600, "kasus")),
          ("WAKTU", "Waktu tanggap pelayanan gawat darurat", (5, "menit")))),
        ("Terlaksananya pelayanan kesehatan gigi dan mulut",
         (("KUANTITAS", "Jumlah pasien gigi yang dilayani", (1500, "pasien")),)),
        ("Terlaksananya asuhan keperawatan pasien rawat jalan",
         (("KUANTITAS", "Jumlah asuhan keperawatan yang terdokumentasi", (2000, "dokumen")),
          ("KUALITAS", "Kelengkapan rekam medis", (100, "%")))),
    ),
    ("PUSKESMAS", "UKM"): (
        ("Meningkatnya perilaku hidup bersih dan sehat masyarakat",
         (("KUANTITAS", "Jumlah penyuluhan kesehatan", (48, "kegiatan")),
          ("KUALITAS", "Persentase rumah tangga ber-PHBS", (70, "%")))),
        ("Terlaksananya inspeksi kesehatan lingkungan",
         (("KUANTITAS", "Jumlah tempat umum dan rumah yang diinspeksi", (400, "lokasi")),)),
        ("Menurunnya prevalensi balita stunting di wilayah kerja",
         (("KUANTITAS", "Jumlah balita yang dipantau status gizinya", (1200, "balita")),
          ("KUALITAS", "Prevalensi stunting", (14, "%")))),
    ),
    ("PUSKESMAS", "FARLAB"): (
        ("Terjaminnya ketersediaan obat dan bahan medis habis pakai",
         (("KUALITAS", "Ketersediaan obat esensial", (95, "%")),
          ("KUANTITAS", "Jumlah laporan LPLPO", (12, "laporan")))),
        ("Terlaksananya pelayanan kefarmasian sesuai standar",
         (("KUANTITAS", "Jumlah resep yang dilayani", (20000, "resep")), _NO_COMPLAINT)),
        ("Terlaksananya pemeriksaan laboratorium sesuai standar",
         (("KUANTITAS", "Jumlah pemeriksaan laboratorium", (3000, "pemeriksaan")),
          ("KUALITAS", "Hasil pemantapan mutu eksternal", "Memenuhi standar"))),
    ),
    ("PUSKESMAS", "JEJARING"): (
        ("Meningkatnya cakupan pelayanan kesehatan ibu dan anak",
         (("KUANTITAS", "Cakupan kunjungan ibu hamil K6", (95, "%")),
          ("KUANTITAS", "Jumlah persalinan di fasilitas kesehatan", (250, "persalinan")))),
        ("Terlaksananya kegiatan posyandu di seluruh kelurahan",
         (("KUANTITAS", "Jumlah posyandu yang dibina", (36, "posyandu")),
          ("WAKTU", "Pelaksanaan posyandu", "Setiap bulan sesuai jadwal"))),
        ("Meningkatnya cakupan imunisasi dasar lengkap",
         (("KUANTITAS", "Cakupan imunisasi dasar lengkap", (95, "%")),)),
    ),
    ("SEKOLAH", "SD"): (
        ("Meningkatnya mutu pembelajaran di SD Negeri 12 Pauh",
         (("KUALITAS", "Nilai rapor pendidikan kemampuan literasi", (75, "poin")),
          ("KUALITAS", "Nilai rapor pendidikan kemampuan numerasi", (70, "poin")))),
        ("Terlaksananya pengelolaan sekolah berbasis Kurikulum Merdeka",
         (("KUANTITAS", "Jumlah dokumen kurikulum operasional sekolah", (1, "dokumen")),
          _ON_TIME)),
        ("Terkelolanya dana BOS secara transparan dan akuntabel",
         (("KUANTITAS", "Jumlah laporan penggunaan dana BOS", (2, "laporan")),
          ("KUALITAS", "Hasil pemeriksaan penggunaan dana BOS", "Tanpa temuan"))),
    ),
    ("SEKOLAH", "GURU_KELAS"): (
        ("Terlaksananya pembelajaran yang berpusat pada peserta didik",
         (("KUANTITAS", "Jumlah modul ajar yang disusun", (20, "modul")),
          ("KUALITAS", "Hasil supervisi pembelajaran oleh kepala sekolah", "Baik"))),
        ("Meningkatnya hasil belajar peserta didik",
         (("KUALITAS", "Persentase peserta didik mencapai tujuan pembelajaran", (85, "%")),)),
        ("Terlaksananya asesmen formatif dan sumatif sesuai jadwal",
         (("KUANTITAS", "Jumlah asesmen yang dilaksanakan", (16, "asesmen")), _ON_TIME)),
        ("Terlaksananya projek penguatan profil pelajar Pancasila",
         (("KUANTITAS", "Jumlah projek yang dilaksanakan", (3, "projek")),)),
    ),
    ("SEKOLAH", "GURU_MAPEL"): (
        ("Terlaksananya pembelajaran mata pelajaran sesuai capaian pembelajaran",
         (("KUANTITAS", "Jumlah jam pelajaran yang dilaksanakan", (24, "JP per minggu")),
          ("KUALITAS", "Hasil supervisi pembelajaran", "Baik"))),
        ("Meningkatnya karakter dan kebugaran peserta didik",
         (("KUANTITAS", "Jumlah kegiatan pembiasaan yang dibina", (4, "kegiatan")),)),
    ),
    ("SEKOLAH", "TU"): (
        ("Termutakhirkannya data pokok pendidikan (Dapodik) sekolah",
         (("KUANTITAS", "Jumlah sinkronisasi Dapodik", (12, "kali")),
          ("KUALITAS", "Validitas data peserta didik dan PTK", (100, "%")))),
        ("Terlaksananya administrasi persuratan dan kepegawaian sekolah",
         (("KUANTITAS", "Jumlah surat yang diadministrasikan", (400, "surat")), _ON_TIME)),
        ("Terkelolanya inventaris barang milik sekolah",
         (("KUANTITAS", "Jumlah laporan inventaris", (2, "laporan")),)),
    ),
    ("KELURAHAN", "KEL"): (
        ("Meningkatnya kualitas pelayanan dan pemerintahan kelurahan",
         (("KUALITAS", "Indeks kepuasan masyarakat kelurahan", (85, "%")),
          ("KUANTITAS", "Jumlah musyawarah kelurahan yang dilaksanakan", (4, "kegiatan")))),
        ("Terwujudnya lingkungan kelurahan yang aman, tertib dan bersih",
         (("KUANTITAS", "Jumlah kegiatan gotong royong", (12, "kegiatan")),)),
    ),
    ("KELURAHAN", "SEKRET"): (
        ("Terlaksananya pelayanan administrasi surat keterangan warga tepat waktu",
         (("KUANTITAS", "Jumlah surat keterangan yang diterbitkan", (900, "surat")),
          ("WAKTU", "Waktu penyelesaian surat keterangan", (1, "hari kerja")))),
        ("Tersusunnya laporan keuangan dan kinerja kelurahan",
         (("KUANTITAS", "Jumlah laporan yang disusun", (12, "laporan")), _ON_TIME)),
    ),
    ("KELURAHAN", "PEMTRANTIB"): (
        ("Termutakhirkannya data kependudukan tingkat kelurahan",
         (("KUANTITAS", "Jumlah data mutasi penduduk yang dicatat", (500, "data")),)),
        ("Terlaksananya pembinaan ketenteraman dan ketertiban lingkungan",
         (("KUANTITAS", "Jumlah ronda dan siskamling yang dibina", (12, "pos")),
          ("KUALITAS", "Gangguan ketertiban yang dilaporkan", "Ditangani seluruhnya"))),
    ),
    ("KELURAHAN", "PMB"): (
        ("Terlaksananya musyawarah perencanaan pembangunan kelurahan",
         (("KUANTITAS", "Jumlah usulan pembangunan yang dihimpun", (40, "usulan")), _ON_TIME)),
        ("Terlaksananya kegiatan padat karya dana kelurahan",
         (("KUANTITAS", "Jumlah kegiatan fisik yang dipantau", (6, "kegiatan")),
          ("BIAYA", "Realisasi anggaran kegiatan", (95, "%")))),
    ),
    ("KELURAHAN", "KESSOS"): (
        ("Tersalurkannya bantuan sosial tepat sasaran",
         (("KUANTITAS", "Jumlah keluarga penerima manfaat yang diverifikasi", (350, "KK")),
          ("KUALITAS", "Ketepatan sasaran penerima bantuan", (100, "%")))),
        ("Terlaksananya pembinaan kegiatan keagamaan dan sosial kemasyarakatan",
         (("KUANTITAS", "Jumlah kegiatan yang dibina", (10, "kegiatan")),)),
    ),
}

EXTRA_RHKS: tuple[RhkText, ...] = (
    ("Terlaksananya tugas sebagai anggota tim penyusun LKjIP instansi",
     (("KUANTITAS", "Jumlah dokumen LKjIP", (1, "dokumen")),)),
    ("Terlaksananya tugas sebagai panitia peringatan Hari Ulang Tahun Kemerdekaan RI",
     (("KUALITAS", "Pelaksanaan kegiatan", "Sesuai rencana dan tanpa kendala berarti"),)),
    ("Terlaksananya tugas sebagai anggota tim pengelola website instansi",
     (("KUANTITAS", "Jumlah berita dan informasi yang dipublikasikan", (24, "berita")),)),
    ("Terlaksananya tugas sebagai agen perubahan reformasi birokrasi",
     (("KUANTITAS", "Jumlah inovasi yang diusulkan", (1, "inovasi")),)),
)

EXPECTATIONS: dict[str, str] = {
    "BERORIENTASI_PELAYANAN": "Melayani masyarakat dengan ramah dan tuntas, tanpa pungutan",
    "AKUNTABEL": "Melaporkan progres pekerjaan setiap akhir bulan kepada atasan",
    "KOMPETEN": "Mengikuti minimal satu pelatihan atau webinar pengembangan kompetensi",
    "HARMONIS": "Menjaga suasana kerja yang saling menghargai di dalam tim",
    "LOYAL": "Menjaga kerahasiaan data dan nama baik instansi",
    "ADAPTIF": "Menguasai aplikasi layanan yang baru diterapkan tahun ini",
    "KOLABORATIF": "Aktif berbagi informasi dan membantu rekan kerja lintas seksi",
}

RETURN_COMMENTS: tuple[str, ...] = (
    "Target kuantitas belum sesuai beban kerja seksi, mohon disesuaikan dengan data tahun lalu.",
    "Indikator kualitas perlu dirumuskan lebih terukur, mohon diperbaiki.",
    "Mohon tautkan RHK utama dengan RHK atasan (intervensi) dan lengkapi target waktunya.",
)


def _of(kind: str, unit: str, *indexes: int) -> tuple[RhkText, ...]:
    return tuple(UNIT_RHKS[(kind, unit)][i] for i in indexes)


_IT = ("Terkelolanya sistem informasi dan jaringan kantor kecamatan",
       (("KUALITAS", "Ketersediaan layanan aplikasi dan jaringan", (98, "%")),
        ("KUANTITAS", "Jumlah gangguan TI yang diselesaikan", (100, "%"))))

# (tenant kind, position code prefix) -> RHKs fitting that job better than the unit's pool;
# the first matching prefix wins, so the more specific prefixes come first.
POSITION_RHKS: tuple[tuple[tuple[str, str], tuple[RhkText, ...]], ...] = (
    (("KECAMATAN", "ANALIS_SDM"), _of("KECAMATAN", "SEKRET", 1, 0)),
    (("KECAMATAN", "PENGELOLA_KEUANGAN"), _of("KECAMATAN", "SEKRET", 2)),
    (("KECAMATAN", "PRANATA_KOMPUTER"), (_IT,)),
    (("PUSKESMAS", "PENATA_KEUANGAN"), _of("PUSKESMAS", "TU", 0)),
    (("PUSKESMAS", "DOKTER_GIGI"), _of("PUSKESMAS", "UKP", 2, 0)),
    (("PUSKESMAS", "DOKTER"), _of("PUSKESMAS", "UKP", 0, 1)),
    (("PUSKESMAS", "PERAWAT"), _of("PUSKESMAS", "UKP", 3, 1)),
    (("PUSKESMAS", "PROMKES"), _of("PUSKESMAS", "UKM", 0)),
    (("PUSKESMAS", "SANITARIAN"), _of("PUSKESMAS", "UKM", 1, 0)),
    (("PUSKESMAS", "NUTRISIONIS"), _of("PUSKESMAS", "UKM", 2)),
    (("PUSKESMAS", "PRANATA_LAB"), _of("PUSKESMAS", "FARLAB", 2)),
    (("PUSKESMAS", "ASISTEN_APOTEKER"), _of("PUSKESMAS", "FARLAB", 0, 1)),
)


def rhk_pool(kind: str, unit_code: str, position_code: str) -> tuple[RhkText, ...]:
    """The RHKs an employee picks from: their job's, else their unit's, else additional tasks."""
    for (pool_kind, prefix), pool in POSITION_RHKS:
        if pool_kind == kind and position_code.startswith(prefix):
            return pool
    return UNIT_RHKS.get((kind, unit_code)) or EXTRA_RHKS
