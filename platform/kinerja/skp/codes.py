"""Code lists of SKP content (domain.md §2-§3), shared by the services and the GraphQL enums."""

BERAKHLAK = ("BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF",
             "KOLABORATIF")
SKP_STATUSES = ("DRAFT", "SUBMITTED", "APPROVED", "RETURNED")
WORK_RESULT_KINDS = ("UTAMA", "TAMBAHAN")
ASPECTS = ("KUANTITAS", "KUALITAS", "WAKTU", "BIAYA")
