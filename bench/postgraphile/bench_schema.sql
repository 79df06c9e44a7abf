-- Bench-only DDL for the PostGraphile baseline, applied by bench/employees_bench.py to its
-- throw-away database as the owner account. NOT a product migration: Kinerja never sees it.
--
-- PostGraphile follows foreign keys but cannot filter reporting_line by its validity window,
-- so the current rater is a computed column (a STABLE SQL function taking the row), which
-- PostGraphile exposes as Employee.currentRater. It reads under the caller's row-level
-- security like every other table access, and joins on the full tenant key.
CREATE OR REPLACE FUNCTION public.employee_current_rater(e public.employee)
RETURNS public.employee
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT r.*
  FROM public.reporting_line l
  JOIN public.employee r ON r.tenant_id = l.tenant_id AND r.id = l.rater_id
  WHERE l.tenant_id = e.tenant_id AND l.employee_id = e.id
    AND l.valid_from <= current_date AND (l.valid_to IS NULL OR l.valid_to >= current_date)
  ORDER BY l.valid_from DESC
  LIMIT 1
$$;
