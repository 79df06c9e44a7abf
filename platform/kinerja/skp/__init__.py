"""The SKP aggregate (Sasaran Kinerja Pegawai): one employee's performance plan in a cycle.

- the SKP document: its GraphQL node and connection (document.py), the relationship-scoped
  reads (`SkpRepository` in repository.py), the `skps`/`skp` root fields (queries.py) and the
  nested fields of an SKP (hydrate.py);
- its content: work results (RHK), indicators and targets, behaviour expectations
  (service_plan.py) and the workflow DRAFT -> SUBMITTED -> APPROVED / RETURNED
  (service_workflow.py), the cascade tree (tree.py);
- monitoring of the SKP (monitoring/): realisations per period with evidence, continuous
  feedback.

It depends on cycles/ (an SKP belongs to a cycle and its periods), never the other way round.
"""
