"""Citus: the same schema, distributed by agency over a coordinator and workers.

Every agency table has `tenant_id` in its primary key and in every foreign key to another
agency table, so the agency tables become hash-distributed tables on `tenant_id` in one
colocation group (an agency's rows of every table live on the same shard), and the global
tables (agencies, accounts, policies, the platform trail) become reference tables (a copy on
every node). `kinerja distribute` does it after `kinerja migrate` (distribute.py); a later
migration's new table is distributed the moment it is created (migration.py). The agency
setting reaches the workers through `SET LOCAL` (tenant_setting.py).
"""
