"""The national framework (PermenPANRB 38/2017): eight managerial competencies and the
socio-cultural one, five levels each. Data in code, served read-only to every agency.

Level descriptions are short summaries written for this project (not the regulation's text):
level 1 acts on oneself, 2 within a team, 3 for a unit, 4 for the organisation, 5 nationally
or strategically.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUPS = ("MANAJERIAL", "SOSIAL_KULTURAL", "TEKNIS")
LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Competency:
    code: str
    name: str
    group: str
    description: str
    levels: tuple[str, ...]  # descriptions of levels 1..5


def _m(code: str, name: str, description: str, *levels: str) -> Competency:
    assert len(levels) == 5
    return Competency(code, name, "MANAJERIAL", description, levels)


NATIONAL: tuple[Competency, ...] = (
    _m("M.01", "Integritas",
       "Konsisten berperilaku selaras dengan nilai, norma dan etika organisasi; jujur dan "
       "bertanggung jawab.",
       "Bertindak jujur dan sesuai aturan dalam pekerjaannya sendiri.",
       "Mengingatkan rekan kerja agar bertindak sesuai nilai dan kode etik.",
       "Menjamin unit kerjanya bekerja sesuai etika dan menindaklanjuti pelanggaran.",
       "Membangun budaya integritas di seluruh organisasi dan menjadi teladan.",
       "Menjadi rujukan integritas di tingkat nasional dan memengaruhi kebijakan antikorupsi."),
    _m("M.02", "Kerjasama",
       "Membangun dan memelihara kerja sama yang produktif dengan orang lain untuk mencapai "
       "tujuan bersama.",
       "Berpartisipasi aktif dan menyelesaikan bagiannya dalam tugas kelompok.",
       "Menumbuhkan kerja sama dan saling menghargai di dalam tim.",
       "Membangun kerja sama efektif antarbagian di unit kerjanya.",
       "Membangun jejaring kerja sama lintas unit dan antarinstansi.",
       "Menciptakan kemitraan strategis lintas sektor di tingkat nasional."),
    _m("M.03", "Komunikasi",
       "Menyampaikan dan menerima informasi secara jelas, lisan maupun tertulis, sehingga "
       "dipahami dan ditindaklanjuti.",
       "Menyampaikan informasi dengan jelas dan mendengarkan secara aktif.",
       "Menyesuaikan cara berkomunikasi dengan anggota tim dan pemangku kepentingan.",
       "Mengomunikasikan kebijakan unit dan menangani pembicaraan yang sulit.",
       "Mengelola komunikasi organisasi, termasuk kepada publik dan media.",
       "Menjadi juru bicara kebijakan strategis di forum nasional."),
    _m("M.04", "Orientasi pada Hasil",
       "Berkomitmen mencapai hasil kerja yang berkualitas sesuai atau melampaui target.",
       "Menyelesaikan pekerjaannya sendiri tepat waktu dan sesuai standar.",
       "Menetapkan target tim yang menantang dan memantau pencapaiannya.",
       "Memperbaiki proses kerja unit agar hasilnya lebih baik dan efisien.",
       "Menyelaraskan sasaran organisasi dan mengukur dampaknya.",
       "Menetapkan sasaran strategis nasional dan memastikan hasilnya tercapai."),
    _m("M.05", "Pelayanan Publik",
       "Memberikan pelayanan yang berkualitas, berorientasi pada kebutuhan masyarakat, dengan "
       "informasi yang benar dan akurat.",
       "Melayani masyarakat dengan ramah, tepat dan memberikan informasi yang akurat.",
       "Mengoordinasikan tim agar layanan konsisten dan menindaklanjuti keluhan.",
       "Merancang perbaikan standar pelayanan di unit kerjanya.",
       "Mengembangkan sistem pelayanan organisasi berdasarkan umpan balik masyarakat.",
       "Merumuskan kebijakan pelayanan publik berskala nasional."),
    _m("M.06", "Pengembangan Diri dan Orang Lain",
       "Meningkatkan pengetahuan dan kemampuan diri sendiri dan orang lain secara "
       "berkelanjutan.",
       "Mengidentifikasi kebutuhan belajarnya sendiri dan mengikuti pengembangan.",
       "Membimbing dan berbagi pengetahuan dengan rekan satu tim.",
       "Menyusun rencana pengembangan pegawai di unit kerjanya (coaching dan mentoring).",
       "Membangun sistem pengembangan kompetensi dan talenta organisasi.",
       "Menetapkan arah pengembangan sumber daya manusia aparatur secara nasional."),
    _m("M.07", "Mengelola Perubahan",
       "Menyesuaikan diri dengan perubahan dan menggerakkan orang lain untuk mendukungnya.",
       "Menyesuaikan cara kerjanya sendiri terhadap perubahan.",
       "Membantu anggota tim memahami dan menjalankan perubahan.",
       "Memimpin penerapan perubahan di unit kerjanya dan mengatasi penolakan.",
       "Merancang dan mengelola program perubahan organisasi.",
       "Memprakarsai reformasi strategis di tingkat nasional."),
    _m("M.08", "Pengambilan Keputusan",
       "Mengambil keputusan yang tepat waktu dan dapat dipertanggungjawabkan berdasarkan "
       "analisis data dan risiko.",
       "Mengambil keputusan rutin dalam lingkup tugasnya berdasarkan aturan.",
       "Menganalisis beberapa alternatif untuk keputusan tim.",
       "Mengambil keputusan unit dengan mempertimbangkan risiko dan dampaknya.",
       "Mengambil keputusan organisasi yang kompleks dengan data dan pertimbangan jangka "
       "panjang.",
       "Mengambil keputusan strategis yang berdampak nasional."),
    Competency(
        "SK.01", "Perekat Bangsa", "SOSIAL_KULTURAL",
        "Mendorong sikap toleransi, keterbukaan dan persatuan dalam keberagaman untuk "
        "memperkuat kesatuan bangsa.",
        ("Menghargai perbedaan latar belakang dan bersikap terbuka dalam pergaulan kerja.",
         "Membangun hubungan yang baik dalam tim yang beragam.",
         "Mengelola keberagaman di unit kerja dan mencegah konflik.",
         "Menjadikan keberagaman kekuatan organisasi dan menjembatani kepentingan.",
         "Menjadi perekat bangsa dan mempromosikan persatuan di tingkat nasional."),
    ),
)

NATIONAL_BY_CODE: dict[str, Competency] = {c.code: c for c in NATIONAL}
