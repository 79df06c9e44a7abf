"""Invented demo data for Kecamatan Pauh, Kota Padang (domain.md section 10).

Everything here is fictitious: people, names and NIPs are generated and do not belong to real
persons. ``build_demo(seed, today)`` is deterministic for a given seed and date and returns plain
dataclasses; loading them into a database is someone else's job.

Demo passwords follow one scheme, ``pauh-<role>-2026`` (see DEMO_PASSWORDS); they are printed for
demos and must never be used outside a demo deployment.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date

from kinerja.people.nip import generate_nip
from kinerja.reference import PNS_RANKS

EMAIL_DOMAIN = "kinerja.example"  # reserved TLD: never delivers mail

DEMO_PASSWORDS: dict[str, str] = {
    "admin": "pauh-admin-2026",
    "hr": "pauh-hr-2026",
    "rater": "pauh-rater-2026",
    "staff": "pauh-staff-2026",
    "auditor": "pauh-auditor-2026",
    "platform_admin": "pauh-platform-2026",
    "oversight": "padang-bkpsdm-2026",
}


# --- Public dataclasses ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUnit:
    """An organisation unit; parent_code None for the tenant's root unit."""

    code: str
    name: str
    parent_code: str | None


@dataclass(frozen=True)
class DemoPosition:
    """A position (jabatan); level is a key of reference.POSITION_LEVELS."""

    code: str
    name: str
    level: str


@dataclass(frozen=True)
class DemoEmployee:
    """An employee; rater keys refer to other employees of the same tenant."""

    key: str
    nip: str
    employee_type: str
    name: str
    rank_code: str
    position_code: str
    unit_code: str
    rater_key: str | None
    rater_superior_key: str | None
    acting: str  # "NONE" | "PLT" | "PLH"
    username: str | None
    sex: int  # 1 male, 2 female


@dataclass(frozen=True)
class DemoUser:
    """A login; the same username may appear in several tenants (same person)."""

    username: str
    display_name: str
    email: str
    password: str
    roles: list[str]
    employee_key: str | None


@dataclass(frozen=True)
class DemoParentRater:
    """An official of the parent agency (the Camat) with a record here, rating the heads of
    this agency (`rates`: employee keys); the record has no unit or position here."""

    official: DemoEmployee
    rates: tuple[str, ...]


@dataclass
class DemoTenant:
    """A tenant (agency) with its units, positions, employees and users."""

    slug: str
    name: str
    kind: str
    parent_slug: str | None
    units: list[DemoUnit] = field(default_factory=list)
    positions: list[DemoPosition] = field(default_factory=list)
    employees: list[DemoEmployee] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)
    parent_raters: list[DemoParentRater] = field(default_factory=list)

    def rater_key_of(self, emp: DemoEmployee) -> str | None:
        """The employee's rater: one of this agency's, or an official of the parent agency."""
        if emp.rater_key is not None:
            return emp.rater_key
        return next((p.official.key for p in self.parent_raters if emp.key in p.rates), None)


@dataclass
class DemoOversight:
    """An oversight group over demo agencies, and its overseers (logins of no agency)."""

    slug: str
    name: str
    agency_slugs: list[str]
    overseers: list[DemoUser]


@dataclass
class DemoData:
    """All demo tenants plus users that belong to no tenant."""

    tenants: list[DemoTenant]
    platform_users: list[DemoUser]
    oversight: DemoOversight | None = None

    def tenant(self, slug: str) -> DemoTenant:
        """The tenant with this slug (KeyError if absent)."""
        for tenant in self.tenants:
            if tenant.slug == slug:
                return tenant
        raise KeyError(slug)


# --- Invented names ----------------------------------------------------------------------------

_MALE_GIVEN = (
    "Afrizal", "Asrul", "Andika", "Darmawan", "Defri", "Edwar", "Erizal", "Fadli", "Fauzan",
    "Febriandi", "Gusrizal", "Hendri", "Ikhsan", "Irwan", "Jasman", "Khairul", "Mardianto",
    "Nofrizal", "Rahmat", "Refki", "Ridwan", "Rizki", "Roni", "Syafrizal", "Taufik", "Yudi",
    "Zulhendri", "Zulfikar", "Arif", "Yoserizal", "Hardiman", "Deswandi",
)
_MALE_FAMILY = (
    "Putra", "Saputra", "Hidayat", "Rahman", "Kurniawan", "Efendi", "Syahputra", "Fadillah",
    "Amri", "Hamdani", "Yusuf", "Anwar", "Rusdi", "Irawan", "Zainal", "Chaniago", "Tanjung",
    "Sikumbang", "Piliang", "Koto",
)
_FEMALE_GIVEN = (
    "Yulia", "Desi", "Elfi", "Fitri", "Gusnita", "Hayati", "Indah", "Lusi", "Mardiana",
    "Nofriyanti", "Rahmi", "Rika", "Sri", "Suci", "Widia", "Yusnidar", "Zuraida", "Yenni",
    "Elvira", "Dewi", "Annisa", "Mega", "Nurhayati", "Syafni", "Rosmaini", "Yossi", "Vivi",
    "Delvita", "Silvia", "Yelli",
)
_FEMALE_FAMILY = (
    "Putri", "Wahyuni", "Yanti", "Sari", "Novita", "Handayani", "Marlina", "Susanti",
    "Rahmawati", "Fitriani", "Oktavia", "Yulianti", "Chaniago", "Tanjung", "Jambak", "Koto",
    "Melayu", "Rahmadani",
)


# --- Tenant specifications (structure is fixed; people are generated) ---------------------------

# Rank bands (PNS codes or PPPK golongan) by typical education / seniority.
_PNS_HEAD = ("III_D", "IV_A", "IV_B")
_PNS_ADMINISTRATOR = ("III_D", "IV_A")
_PNS_PENGAWAS = ("III_B", "III_C", "III_D")
_PNS_S1 = ("III_A", "III_B", "III_C")
_PNS_D3 = ("II_C", "II_D", "III_A")
_PNS_SMA = ("II_A", "II_B", "II_C", "II_D")
_PNS_AHLI_PERTAMA = ("III_A", "III_B")
_PNS_AHLI_MUDA = ("III_C", "III_D")
_PNS_AHLI_MADYA = ("IV_A", "IV_B", "IV_C")
_PNS_TERAMPIL = ("II_C", "II_D")
_PNS_MAHIR = ("III_A", "III_B")
_PNS_PENYELIA = ("III_C", "III_D")
_PPPK_SMA = ("PPPK_V",)
_PPPK_D3 = ("PPPK_VII",)
_PPPK_S1 = ("PPPK_IX",)
_PPPK_PROFESI = ("PPPK_X",)


@dataclass(frozen=True)
class _Pos:
    code: str
    name: str
    level: str
    degrees: tuple[str, ...] = ("|",)  # "prefix|suffix" academic titles, one is chosen


@dataclass(frozen=True)
class _Emp:
    key: str
    position: str
    unit: str
    rater: str | None
    employee_type: str
    ranks: tuple[str, ...]
    acting: str = "NONE"
    sex: int | None = None  # None: chosen at random


@dataclass(frozen=True)
class _TenantSpec:
    slug: str
    name: str
    kind: str
    parent_slug: str | None
    user_suffix: str
    units: tuple[DemoUnit, ...]
    positions: tuple[_Pos, ...]
    employees: tuple[_Emp, ...]
    # role -> employee keys that get a login with that role (rater/staff: in order)
    logins: dict[str, tuple[str | None, ...]]


_S_ADM = ("|S.Sos.", "|S.E.", "|S.H.", "|S.IP.", "|S.AP.")
_S_STP = ("|S.STP.", "|S.STP., M.Si.", "|S.Sos., M.Si.")

_CAMAT = _TenantSpec(
    slug="camat-pauh",
    name="Kantor Camat Pauh",
    kind="KECAMATAN",
    parent_slug=None,
    user_suffix="camat",
    units=(
        DemoUnit("KEC", "Kecamatan Pauh", None),
        DemoUnit("SEKRET", "Sekretariat Kecamatan", "KEC"),
        DemoUnit("PEM", "Seksi Pemerintahan", "KEC"),
        DemoUnit("PELUM", "Seksi Pelayanan Umum", "KEC"),
        DemoUnit("TRANTIB", "Seksi Ketenteraman dan Ketertiban Umum", "KEC"),
        DemoUnit("PMK", "Seksi Pemberdayaan Masyarakat dan Kelurahan", "KEC"),
    ),
    positions=(
        _Pos("CAMAT", "Camat", "ADMINISTRATOR", _S_STP),
        _Pos("SEKCAM", "Sekretaris Camat", "ADMINISTRATOR", _S_STP),
        _Pos("KASUBBAG_UMUM", "Kepala Subbagian Umum dan Kepegawaian", "PENGAWAS", _S_ADM),
        _Pos("KASI_PEM", "Kepala Seksi Pemerintahan", "PENGAWAS", _S_ADM),
        _Pos("KASI_PELUM", "Kepala Seksi Pelayanan Umum", "PENGAWAS", _S_ADM),
        _Pos("KASI_TRANTIB", "Kepala Seksi Ketenteraman dan Ketertiban Umum", "PENGAWAS", _S_ADM),
        _Pos("KASI_PMK", "Kepala Seksi Pemberdayaan Masyarakat dan Kelurahan", "PENGAWAS", _S_ADM),
        _Pos("ANALIS_SDM", "Analis Sumber Daya Manusia Aparatur Ahli Pertama", "AHLI_PERTAMA",
             _S_ADM),
        _Pos("PENATA_LAYANAN", "Penata Layanan Operasional", "PELAKSANA", _S_ADM),
        _Pos("PENGELOLA_UMUM", "Pengelola Umum Operasional", "PELAKSANA", ("|A.Md.", "|")),
        _Pos("OPERATOR_LAYANAN", "Operator Layanan Operasional", "PELAKSANA"),
        _Pos("PRANATA_KOMPUTER", "Pranata Komputer Ahli Pertama", "AHLI_PERTAMA", ("|S.Kom.",)),
        _Pos("PENGELOLA_KEUANGAN", "Penata Kelola Keuangan (Bendahara)", "PELAKSANA", ("|S.E.",
                                                                                    "|S.Ak.")),
    ),
    employees=(
        _Emp("camat", "CAMAT", "KEC", None, "PNS", _PNS_HEAD),
        _Emp("sekcam", "SEKCAM", "SEKRET", "camat", "PNS", _PNS_ADMINISTRATOR),
        _Emp("kasubbag_umum", "KASUBBAG_UMUM", "SEKRET", "sekcam", "PNS", _PNS_PENGAWAS),
        _Emp("analis_sdm", "ANALIS_SDM", "SEKRET", "kasubbag_umum", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("pranata_komputer", "PRANATA_KOMPUTER", "SEKRET", "kasubbag_umum", "PNS",
             _PNS_AHLI_PERTAMA),
        _Emp("bendahara", "PENGELOLA_KEUANGAN", "SEKRET", "sekcam", "PNS", _PNS_S1),
        _Emp("umum_1", "PENGELOLA_UMUM", "SEKRET", "kasubbag_umum", "PNS", _PNS_D3),
        _Emp("umum_2", "OPERATOR_LAYANAN", "SEKRET", "kasubbag_umum", "PPPK", _PPPK_SMA),
        _Emp("kasi_pem", "KASI_PEM", "PEM", "camat", "PNS", _PNS_PENGAWAS),
        _Emp("pem_1", "PENATA_LAYANAN", "PEM", "kasi_pem", "PNS", _PNS_S1),
        _Emp("pem_2", "PENGELOLA_UMUM", "PEM", "kasi_pem", "PPPK", _PPPK_D3),
        _Emp("kasi_pelum", "KASI_PELUM", "PELUM", "camat", "PNS", _PNS_PENGAWAS),
        _Emp("pelum_1", "PENATA_LAYANAN", "PELUM", "kasi_pelum", "PNS", _PNS_S1),
        _Emp("pelum_2", "OPERATOR_LAYANAN", "PELUM", "kasi_pelum", "PPPK", _PPPK_SMA),
        _Emp("pelum_3", "PENATA_LAYANAN", "PELUM", "kasi_pelum", "PPPK", _PPPK_S1),
        # The Kasi Trantib post is vacant: a senior staff member is Plt. (acting).
        _Emp("plt_kasi_trantib", "KASI_TRANTIB", "TRANTIB", "camat", "PNS", ("III_B",),
             acting="PLT"),
        _Emp("trantib_1", "PENGELOLA_UMUM", "TRANTIB", "plt_kasi_trantib", "PNS", _PNS_SMA),
        _Emp("trantib_2", "OPERATOR_LAYANAN", "TRANTIB", "plt_kasi_trantib", "PPPK", _PPPK_SMA),
        _Emp("kasi_pmk", "KASI_PMK", "PMK", "camat", "PNS", _PNS_PENGAWAS),
        _Emp("pmk_1", "PENATA_LAYANAN", "PMK", "kasi_pmk", "PNS", _PNS_S1),
        _Emp("pmk_2", "PENGELOLA_UMUM", "PMK", "kasi_pmk", "PPPK", _PPPK_D3),
    ),
    logins={
        "admin": ("pranata_komputer",),
        "hr": ("analis_sdm",),
        "rater": ("camat", "kasi_pelum", "sekcam"),
        "staff": ("pelum_1", "pem_1", "trantib_2"),
        "auditor": (None,),
    },
)

_S_KEP = ("|S.Kep., Ners",)
_S_D3KEP = ("|A.Md.Kep.",)
_S_D3KEB = ("|A.Md.Keb.",)

_PUSKESMAS = _TenantSpec(
    slug="puskesmas-pauh",
    name="Puskesmas Pauh",
    kind="PUSKESMAS",
    parent_slug=None,
    user_suffix="puskesmas",
    units=(
        DemoUnit("PKM", "Puskesmas Pauh", None),
        DemoUnit("TU", "Subbagian Tata Usaha", "PKM"),
        DemoUnit("UKP", "Upaya Kesehatan Perseorangan", "PKM"),
        DemoUnit("UKM", "Upaya Kesehatan Masyarakat", "PKM"),
        DemoUnit("FARLAB", "Kefarmasian dan Laboratorium", "PKM"),
        DemoUnit("JEJARING", "Jaringan Pelayanan (Pustu dan Posyandu)", "PKM"),
    ),
    positions=(
        _Pos("KAPUS", "Kepala Puskesmas", "PENGAWAS", ("dr.|", "dr.|M.K.M.", "|S.KM., M.Kes.")),
        _Pos("KASUBBAG_TU", "Kepala Subbagian Tata Usaha", "PENGAWAS", ("|S.KM.", "|S.E.")),
        _Pos("DOKTER_MUDA", "Dokter Ahli Muda", "AHLI_MUDA", ("dr.|",)),
        _Pos("DOKTER_PERTAMA", "Dokter Ahli Pertama", "AHLI_PERTAMA", ("dr.|",)),
        _Pos("DOKTER_GIGI", "Dokter Gigi Ahli Pertama", "AHLI_PERTAMA", ("drg.|",)),
        _Pos("ADMINKES_MUDA", "Administrator Kesehatan Ahli Muda", "AHLI_MUDA",
             ("|S.KM., M.Kes.", "|S.KM.")),
        _Pos("PERAWAT_PERTAMA", "Perawat Ahli Pertama", "AHLI_PERTAMA", _S_KEP),
        _Pos("PERAWAT_MAHIR", "Perawat Mahir", "MAHIR", _S_D3KEP),
        _Pos("PERAWAT_TERAMPIL", "Perawat Terampil", "TERAMPIL", _S_D3KEP),
        _Pos("BIDAN_PENYELIA", "Bidan Penyelia", "PENYELIA", _S_D3KEB),
        _Pos("BIDAN_TERAMPIL", "Bidan Terampil", "TERAMPIL", _S_D3KEB),
        _Pos("PROMKES", "Penyuluh Kesehatan Masyarakat Ahli Pertama", "AHLI_PERTAMA", ("|S.KM.",)),
        _Pos("SANITARIAN", "Tenaga Sanitasi Lingkungan Terampil", "TERAMPIL", ("|A.Md.KL.",)),
        _Pos("NUTRISIONIS", "Nutrisionis Terampil", "TERAMPIL", ("|A.Md.Gz.",)),
        _Pos("APOTEKER", "Apoteker Ahli Pertama", "AHLI_PERTAMA", ("apt.|S.Farm.",)),
        _Pos("ASISTEN_APOTEKER", "Asisten Apoteker Terampil", "TERAMPIL", ("|A.Md.Farm.",)),
        _Pos("PRANATA_LAB", "Pranata Laboratorium Kesehatan Terampil", "TERAMPIL",
             ("|A.Md.AK.",)),
        _Pos("PENGELOLA_UMUM", "Pengelola Umum Operasional", "PELAKSANA", ("|A.Md.", "|")),
        _Pos("PENATA_KEUANGAN", "Penata Kelola Keuangan (Bendahara)", "PELAKSANA", ("|S.E.",)),
        _Pos("OPERATOR_LAYANAN", "Operator Layanan Operasional", "PELAKSANA"),
    ),
    employees=(
        _Emp("kapus", "KAPUS", "PKM", None, "PNS", _PNS_HEAD),
        # The Kasubbag TU post is vacant: the treasurer is Plt. (acting).
        _Emp("plt_kasubbag_tu", "KASUBBAG_TU", "TU", "kapus", "PNS", ("III_B", "III_C"),
             acting="PLT"),
        _Emp("tu_1", "PENGELOLA_UMUM", "TU", "plt_kasubbag_tu", "PNS", _PNS_D3),
        _Emp("tu_2", "PENATA_KEUANGAN", "TU", "plt_kasubbag_tu", "PNS", _PNS_S1),
        _Emp("tu_3", "OPERATOR_LAYANAN", "TU", "plt_kasubbag_tu", "PPPK", _PPPK_SMA),
        _Emp("pj_ukp", "DOKTER_MUDA", "UKP", "kapus", "PNS", _PNS_AHLI_MUDA),
        _Emp("dokter_1", "DOKTER_PERTAMA", "UKP", "pj_ukp", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("dokter_2", "DOKTER_PERTAMA", "UKP", "pj_ukp", "PPPK", _PPPK_PROFESI),
        _Emp("dokter_gigi", "DOKTER_GIGI", "UKP", "pj_ukp", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("perawat_1", "PERAWAT_PERTAMA", "UKP", "pj_ukp", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("perawat_2", "PERAWAT_MAHIR", "UKP", "pj_ukp", "PNS", _PNS_MAHIR),
        _Emp("perawat_3", "PERAWAT_TERAMPIL", "UKP", "pj_ukp", "PNS", _PNS_TERAMPIL),
        _Emp("perawat_4", "PERAWAT_TERAMPIL", "UKP", "pj_ukp", "PPPK", _PPPK_D3),
        _Emp("perawat_5", "PERAWAT_TERAMPIL", "UKP", "pj_ukp", "PPPK", _PPPK_D3),
        _Emp("pj_ukm", "ADMINKES_MUDA", "UKM", "kapus", "PNS", _PNS_AHLI_MUDA),
        _Emp("promkes", "PROMKES", "UKM", "pj_ukm", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("sanitarian", "SANITARIAN", "UKM", "pj_ukm", "PNS", _PNS_TERAMPIL),
        _Emp("nutrisionis", "NUTRISIONIS", "UKM", "pj_ukm", "PPPK", _PPPK_D3, sex=2),
        _Emp("pj_farlab", "APOTEKER", "FARLAB", "kapus", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("asisten_apoteker", "ASISTEN_APOTEKER", "FARLAB", "pj_farlab", "PPPK", _PPPK_D3),
        _Emp("pranata_lab", "PRANATA_LAB", "FARLAB", "pj_farlab", "PNS", _PNS_TERAMPIL),
        _Emp("pj_jejaring", "BIDAN_PENYELIA", "JEJARING", "kapus", "PNS", _PNS_PENYELIA, sex=2),
        _Emp("bidan_1", "BIDAN_TERAMPIL", "JEJARING", "pj_jejaring", "PNS", _PNS_TERAMPIL, sex=2),
        _Emp("bidan_2", "BIDAN_TERAMPIL", "JEJARING", "pj_jejaring", "PPPK", _PPPK_D3, sex=2),
        _Emp("bidan_3", "BIDAN_TERAMPIL", "JEJARING", "pj_jejaring", "PPPK", _PPPK_D3, sex=2),
    ),
    logins={
        "admin": ("tu_1",),
        "hr": ("tu_2",),
        "rater": ("kapus", "pj_ukp", "pj_jejaring"),
        "staff": ("perawat_3", "bidan_2", "promkes"),
    },
)

_S_PD = ("|S.Pd.", "|S.Pd.SD.")

_SDN = _TenantSpec(
    slug="sdn-pauh",
    name="SD Negeri 12 Pauh",
    kind="SEKOLAH",
    parent_slug=None,
    user_suffix="sdn",
    units=(
        DemoUnit("SD", "SD Negeri 12 Pauh", None),
        DemoUnit("GURU_KELAS", "Guru Kelas", "SD"),
        DemoUnit("GURU_MAPEL", "Guru Mata Pelajaran", "SD"),
        DemoUnit("TU", "Tata Usaha", "SD"),
    ),
    positions=(
        _Pos("KEPSEK", "Kepala Sekolah (Guru dengan tugas tambahan)", "AHLI_MUDA",
             ("|S.Pd.", "|S.Pd., M.Pd.")),
        _Pos("GURU_KELAS_MADYA", "Guru Kelas Ahli Madya", "AHLI_MADYA", _S_PD),
        _Pos("GURU_KELAS_MUDA", "Guru Kelas Ahli Muda", "AHLI_MUDA", _S_PD),
        _Pos("GURU_KELAS_PERTAMA", "Guru Kelas Ahli Pertama", "AHLI_PERTAMA", _S_PD),
        _Pos("GURU_PAI", "Guru Pendidikan Agama Islam Ahli Pertama", "AHLI_PERTAMA",
             ("|S.Pd.I.", "|S.Ag.")),
        _Pos("GURU_PJOK", "Guru Pendidikan Jasmani Ahli Pertama", "AHLI_PERTAMA",
             ("|S.Pd.", "|S.Or.")),
        _Pos("KOORD_TU", "Pengelola Layanan Operasional (Koordinator Tata Usaha)", "PELAKSANA",
             ("|A.Md.", "|S.E.")),
        _Pos("OPERATOR_DAPODIK", "Operator Layanan Operasional (Operator Dapodik)", "PELAKSANA",
             ("|", "|A.Md.Kom.")),
        _Pos("PENGADMINISTRASI", "Pengadministrasi Perkantoran", "PELAKSANA"),
    ),
    employees=(
        # The school is led by a Plt. Kepala Sekolah (a senior teacher, acting).
        _Emp("kepsek", "KEPSEK", "SD", None, "PNS", ("III_D", "IV_A"), acting="PLT"),
        _Emp("guru_1", "GURU_KELAS_MADYA", "GURU_KELAS", "kepsek", "PNS", _PNS_AHLI_MADYA),
        _Emp("guru_2", "GURU_KELAS_MUDA", "GURU_KELAS", "kepsek", "PNS", _PNS_AHLI_MUDA),
        _Emp("guru_3", "GURU_KELAS_MUDA", "GURU_KELAS", "kepsek", "PNS", _PNS_AHLI_MUDA),
        _Emp("guru_4", "GURU_KELAS_PERTAMA", "GURU_KELAS", "kepsek", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("guru_5", "GURU_KELAS_PERTAMA", "GURU_KELAS", "kepsek", "PPPK", _PPPK_S1),
        _Emp("guru_6", "GURU_KELAS_PERTAMA", "GURU_KELAS", "kepsek", "PPPK", _PPPK_S1),
        _Emp("guru_pai", "GURU_PAI", "GURU_MAPEL", "kepsek", "PPPK", _PPPK_S1),
        _Emp("guru_pjok", "GURU_PJOK", "GURU_MAPEL", "kepsek", "PNS", _PNS_AHLI_PERTAMA),
        _Emp("koord_tu", "KOORD_TU", "TU", "kepsek", "PNS", _PNS_D3),
        _Emp("operator", "OPERATOR_DAPODIK", "TU", "koord_tu", "PPPK", _PPPK_SMA),
        _Emp("admin_tu", "PENGADMINISTRASI", "TU", "koord_tu", "PNS", _PNS_SMA),
    ),
    logins={
        "admin": ("operator",),
        "hr": ("admin_tu",),
        "rater": ("kepsek", "koord_tu"),
        "staff": ("guru_4", "guru_5", "guru_pai"),
    },
)


def _kelurahan(
    slug: str, kelurahan: str, suffix: str, plt_key: str, staff_logins: tuple[str, ...]
) -> _TenantSpec:
    """A kelurahan office: Lurah, Sekretaris Kelurahan, three Kasi and their staff."""

    def boss(key: str) -> tuple[tuple[str, ...], str]:
        """Rank band and acting status: a Plt. is a junior officer filling a vacant post."""
        return (("III_A", "III_B"), "PLT") if key == plt_key else (_PNS_PENGAWAS, "NONE")

    return _TenantSpec(
        slug=slug,
        name=f"Kantor Lurah {kelurahan}",
        kind="KELURAHAN",
        parent_slug="camat-pauh",
        user_suffix=suffix,
        units=(
            DemoUnit("KEL", f"Kelurahan {kelurahan}", None),
            DemoUnit("SEKRET", "Sekretariat Kelurahan", "KEL"),
            DemoUnit("PEMTRANTIB", "Seksi Pemerintahan dan Ketenteraman", "KEL"),
            DemoUnit("PMB", "Seksi Pemberdayaan Masyarakat dan Pembangunan", "KEL"),
            DemoUnit("KESSOS", "Seksi Kesejahteraan Sosial", "KEL"),
        ),
        positions=(
            _Pos("LURAH", "Lurah", "PENGAWAS", _S_STP),
            _Pos("SEKLUR", "Sekretaris Kelurahan", "PENGAWAS", _S_ADM),
            _Pos("KASI_PEMTRANTIB", "Kepala Seksi Pemerintahan dan Ketenteraman", "PENGAWAS",
                 _S_ADM),
            _Pos("KASI_PMB", "Kepala Seksi Pemberdayaan Masyarakat dan Pembangunan", "PENGAWAS",
                 _S_ADM),
            _Pos("KASI_KESSOS", "Kepala Seksi Kesejahteraan Sosial", "PENGAWAS", _S_ADM),
            _Pos("PENATA_LAYANAN", "Penata Layanan Operasional", "PELAKSANA", _S_ADM),
            _Pos("PENGELOLA_UMUM", "Pengelola Umum Operasional", "PELAKSANA", ("|A.Md.", "|")),
            _Pos("OPERATOR_LAYANAN", "Operator Layanan Operasional", "PELAKSANA"),
        ),
        employees=(
            _Emp("lurah", "LURAH", "KEL", None, "PNS", ("III_C", "III_D")),
            _Emp("seklur", "SEKLUR", "SEKRET", "lurah", "PNS", *boss("seklur")),
            _Emp("sekret_1", "PENGELOLA_UMUM", "SEKRET", "seklur", "PNS", _PNS_D3),
            _Emp("sekret_2", "OPERATOR_LAYANAN", "SEKRET", "seklur", "PPPK", _PPPK_SMA),
            _Emp("kasi_pemtrantib", "KASI_PEMTRANTIB", "PEMTRANTIB", "lurah", "PNS",
                 *boss("kasi_pemtrantib")),
            _Emp("pemtrantib_1", "PENATA_LAYANAN", "PEMTRANTIB", "kasi_pemtrantib", "PNS",
                 _PNS_S1),
            _Emp("pemtrantib_2", "OPERATOR_LAYANAN", "PEMTRANTIB", "kasi_pemtrantib", "PPPK",
                 _PPPK_SMA),
            _Emp("kasi_pmb", "KASI_PMB", "PMB", "lurah", "PNS", *boss("kasi_pmb")),
            _Emp("pmb_1", "PENGELOLA_UMUM", "PMB", "kasi_pmb", "PPPK", _PPPK_D3),
            _Emp("kasi_kessos", "KASI_KESSOS", "KESSOS", "lurah", "PNS", *boss("kasi_kessos")),
            _Emp("kessos_1", "PENATA_LAYANAN", "KESSOS", "kasi_kessos", "PPPK", _PPPK_S1),
            _Emp("kessos_2", "OPERATOR_LAYANAN", "KESSOS", "kasi_kessos", "PNS", _PNS_SMA),
        ),
        logins={
            "admin": ("sekret_1",),
            "hr": ("seklur",),
            "rater": ("lurah", "kasi_pemtrantib"),
            "staff": staff_logins,
        },
    )


_CUPAK = _kelurahan(
    "kel-cupak-tangah", "Cupak Tangah", "cupak", "kasi_pmb", ("pemtrantib_1", "kessos_2")
)
_LIMAU_MANIS = _kelurahan(
    "kel-limau-manis", "Limau Manis", "limaumanis", "seklur", ("pemtrantib_2", "pmb_1")
)

_SPECS: tuple[_TenantSpec, ...] = (_CAMAT, _PUSKESMAS, _SDN, _CUPAK, _LIMAU_MANIS)

# One person in two tenants: the HR officer of Kantor Camat Pauh is also assigned (penugasan
# tambahan) as staff in Kantor Lurah Cupak Tangah. Same login, same NIP, one employee record per
# tenant.
_SHARED_FROM = ("camat-pauh", "analis_sdm")
_SHARED_TO = ("kel-cupak-tangah", "tugas_tambahan", "PENATA_LAYANAN", "PMB", "kasi_pmb")


# --- Generation --------------------------------------------------------------------------------


class _Builder:
    """Holds the random source and the global uniqueness sets while building."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.names: set[str] = set()
        self.nips: set[str] = set()

    def name(self, sex: int, degrees: tuple[str, ...]) -> str:
        """A unique invented name with an academic title."""
        given, family = (
            (_MALE_GIVEN, _MALE_FAMILY) if sex == 1 else (_FEMALE_GIVEN, _FEMALE_FAMILY)
        )
        while True:
            base = f"{self.rng.choice(given)} {self.rng.choice(family)}"
            if base not in self.names:
                self.names.add(base)
                break
        prefix, _, suffix = self.rng.choice(degrees).partition("|")
        text = f"{prefix} {base}" if prefix else base
        return f"{text}, {suffix}" if suffix else text

    def nip(self, employee_type: str, rank_code: str, sex: int) -> str:
        """A unique valid NIP / NI PPPK whose dates roughly fit the rank."""
        rng, today = self.rng, self.today
        if employee_type == "PNS":
            index = next(i for i, r in enumerate(PNS_RANKS) if r.code == rank_code)
            # Entry rank by education: SMA II/a, D3 II/c, S1 III/a; about 4 years per step.
            entry = 8 if index >= 8 else 6 if index >= 6 else 4 if index >= 4 else 0
            service = max(1, (index - entry) * 4 + rng.randint(0, 3))
            entry_age = rng.randint(23, 28) if entry == 8 else rng.randint(19, 24)
            appointment = date(today.year - service, rng.randint(1, 12), 1)
        else:
            # PPPK appointments started in 2021.
            last = min(2025, today.year)
            appointment = date(rng.randint(min(2021, last), last), rng.randint(1, 12), 1)
            entry_age = rng.randint(23, 40)
        # entry_age >= 19 keeps the appointment after the 18th birthday.
        birth = date(appointment.year - entry_age, rng.randint(1, 12), rng.randint(1, 28))
        while True:
            nip = generate_nip(rng, employee_type, birth, appointment, sex, rng.randint(1, 12))
            if nip not in self.nips:
                self.nips.add(nip)
                return nip

    def tenant(self, spec: _TenantSpec) -> DemoTenant:
        """Generate one tenant from its specification."""
        positions = {p.code: p for p in spec.positions}
        raters = {e.key: e.rater for e in spec.employees}
        # (username, role, employee key or None), one login per employee.
        logins = [
            (_username(role, i, spec.user_suffix), role, key)
            for role, keys in spec.logins.items()
            for i, key in enumerate(keys, start=1)
        ]
        login_of = {key: username for username, _, key in logins if key is not None}
        if len(login_of) != sum(key is not None for _, _, key in logins):
            raise ValueError(f"{spec.slug}: an employee has more than one login")
        employees = []
        for e in spec.employees:
            sex = e.sex if e.sex is not None else self.rng.choice((1, 2))
            rank = self.rng.choice(e.ranks)
            employees.append(
                DemoEmployee(
                    key=e.key,
                    nip=self.nip(e.employee_type, rank, sex),
                    employee_type=e.employee_type,
                    name=self.name(sex, positions[e.position].degrees),
                    rank_code=rank,
                    position_code=e.position,
                    unit_code=e.unit,
                    rater_key=e.rater,
                    rater_superior_key=raters[e.rater] if e.rater else None,
                    acting=e.acting,
                    username=login_of.get(e.key),
                    sex=sex,
                )
            )
        names = {emp.key: emp.name for emp in employees}
        users = [
            DemoUser(
                username=username,
                # Users without an employee record (the auditor) come from outside the
                # tenant, e.g. the city inspectorate.
                display_name=names[key] if key else self.name(
                    self.rng.choice((1, 2)), ("|S.E., Ak.", "|S.H.")
                ),
                email=f"{username}@{EMAIL_DOMAIN}",
                password=DEMO_PASSWORDS[role],
                roles=[role],
                employee_key=key,
            )
            for username, role, key in logins
        ]
        return DemoTenant(
            slug=spec.slug,
            name=spec.name,
            kind=spec.kind,
            parent_slug=spec.parent_slug,
            units=list(spec.units),
            positions=[DemoPosition(p.code, p.name, p.level) for p in spec.positions],
            employees=employees,
            users=users,
        )


def _username(role: str, index: int, suffix: str) -> str:
    """admin.camat, hr.puskesmas, rater1.sdn, staff2.cupak, auditor.camat."""
    if role in ("rater", "staff"):
        return f"{role}{index}.{suffix}"
    return f"{role}.{suffix}"


def _add_shared_person(tenants: dict[str, DemoTenant]) -> None:
    """Give the camat HR officer a staff record and the same login in Kel. Cupak Tangah."""
    source = tenants[_SHARED_FROM[0]]
    person = next(e for e in source.employees if e.key == _SHARED_FROM[1])
    login = next(u for u in source.users if u.employee_key == person.key)
    slug, key, position, unit, rater = _SHARED_TO
    target = tenants[slug]
    superior = next(e.rater_key for e in target.employees if e.key == rater)
    target.employees.append(
        DemoEmployee(
            key=key,
            nip=person.nip,
            employee_type=person.employee_type,
            name=person.name,
            rank_code=person.rank_code,
            position_code=position,
            unit_code=unit,
            rater_key=rater,
            rater_superior_key=superior,
            acting="NONE",
            username=login.username,
            sex=person.sex,
        )
    )
    target.users.append(
        DemoUser(
            username=login.username,
            display_name=login.display_name,
            email=login.email,
            password=login.password,
            roles=["staff"],
            employee_key=key,
        )
    )


PARENT_RATER_KEY = "penilai_instansi_induk"


def _add_parent_raters(tenants: dict[str, DemoTenant]) -> None:
    """The head of each child agency (the Lurah) is rated by the head of the parent agency (the
    Camat), who gets a record and the `parent_rater` role in the child agency (same login)."""
    for target in tenants.values():
        if target.parent_slug is None:
            continue
        parent = tenants[target.parent_slug]
        head = next(e for e in parent.employees if e.rater_key is None)
        login = next(u for u in parent.users if u.employee_key == head.key)
        rated = tuple(e.key for e in target.employees if e.rater_key is None)
        official = replace(head, key=PARENT_RATER_KEY, rater_key=None, rater_superior_key=None)
        target.parent_raters.append(DemoParentRater(official, rated))
        target.users.append(replace(login, roles=["parent_rater"], employee_key=official.key))


def build_demo(seed: int = 2026, today: date = date(2026, 11, 27)) -> DemoData:
    """Build the Pauh demo data set (deterministic for a given seed and date)."""
    builder = _Builder(seed, today)
    tenants = {spec.slug: builder.tenant(spec) for spec in _SPECS}
    _add_shared_person(tenants)
    _add_parent_raters(tenants)
    platform_admin = DemoUser(
        username="platform.admin",
        display_name="Admin Platform Kinerja",
        email=f"platform.admin@{EMAIL_DOMAIN}",
        password=DEMO_PASSWORDS["platform_admin"],
        roles=["platform_admin"],
        employee_key=None,
    )
    overseer = DemoUser(
        username="analis.bkpsdm", display_name="Analis BKPSDM Kota Padang",
        email=f"analis.bkpsdm@{EMAIL_DOMAIN}", password=DEMO_PASSWORDS["oversight"], roles=[],
        employee_key=None)
    oversight = DemoOversight("bkpsdm-padang", "BKPSDM Kota Padang", list(tenants), [overseer])
    return DemoData(tenants=list(tenants.values()), platform_users=[platform_admin],
                    oversight=oversight)


__all__ = [
    "DEMO_PASSWORDS",
    "DemoData",
    "DemoEmployee",
    "DemoParentRater",
    "DemoPosition",
    "DemoTenant",
    "DemoUnit",
    "DemoUser",
    "build_demo",
]

