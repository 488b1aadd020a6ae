-- Analyst queries timed by `csc bench` (p50/p95 over repeated runs). One query per block, ';' ends it.
-- name: catalog
SELECT kpi_code, title, unit, polarity FROM kpi_catalog ORDER BY kpi_code;
-- name: trend_contacts_monthly
SELECT period_end, numerator, value FROM kpi_values WHERE kpi_code = 'contacts' AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND team = 'All' ORDER BY period_end;
-- name: ytd_all_kpis_latest
SELECT kpi_code, value FROM kpi_values WHERE period_type = 'MONTH' AND basis = 'YTD' AND area = 'All' AND period_end = (SELECT max(period_end) FROM kpi_values) ORDER BY kpi_code;
-- name: team_league_contacts
SELECT team, sum(numerator) AS contacts FROM kpi_values WHERE kpi_code = 'contacts' AND period_type = 'MONTH' AND basis = 'MONTH' AND team <> 'All' GROUP BY team ORDER BY contacts DESC;
-- name: area_by_year
SELECT area, period_end, numerator FROM kpi_values WHERE kpi_code = 'contacts' AND period_type = 'YEAR' AND basis = 'YEAR' AND team = 'All' ORDER BY area, period_end;
-- name: quarterly_all
SELECT kpi_code, period_end, value FROM kpi_values WHERE period_type = 'QUARTER' AND area = 'All' AND team = 'All' ORDER BY kpi_code, period_end;
-- name: reaggregate_ratio_by_year
SELECT kpi_code, year(period_end) AS y, sum(numerator) / nullif(sum(denominator), 0) * 100 AS pct FROM kpi_values WHERE kpi_code LIKE '%pct' AND period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' GROUP BY ALL ORDER BY ALL;
-- name: month_on_month_change
SELECT kpi_code, period_end, value, value - lag(value) OVER (PARTITION BY kpi_code ORDER BY period_end) AS change FROM kpi_values WHERE period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND team = 'All' ORDER BY kpi_code, period_end;
-- name: same_month_last_year
SELECT a.kpi_code, a.period_end, a.value, b.value AS last_year FROM kpi_values a LEFT JOIN kpi_values b ON b.kpi_code = a.kpi_code AND b.period_type = a.period_type AND b.basis = a.basis AND b.area = a.area AND b.team = a.team AND b.period_end = last_day(a.period_end - INTERVAL 1 YEAR) WHERE a.period_type = 'MONTH' AND a.basis = 'MONTH' AND a.area = 'All' AND a.team = 'All';
-- name: rolling_3_month
SELECT kpi_code, period_end, avg(value) OVER (PARTITION BY kpi_code ORDER BY period_end ROWS 2 PRECEDING) AS r3 FROM kpi_values WHERE period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' AND team = 'All';
-- name: teams_per_area
SELECT area, count(DISTINCT team) AS teams FROM kpi_values WHERE team <> 'All' GROUP BY area ORDER BY area;
-- name: count_rows_by_kpi
SELECT kpi_code, count(*) AS n FROM kpi_values GROUP BY kpi_code ORDER BY n DESC;
-- name: best_and_worst_month
SELECT kpi_code, arg_max(period_end, value) AS best, arg_min(period_end, value) AS worst FROM kpi_values WHERE period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All' GROUP BY kpi_code;
-- name: share_by_team_latest_quarter
SELECT team, numerator / sum(numerator) OVER () AS share FROM kpi_values WHERE kpi_code = 'contacts' AND period_type = 'QUARTER' AND basis = 'QUARTER' AND team <> 'All' AND period_end = (SELECT max(period_end) FROM kpi_values WHERE period_type = 'QUARTER');
-- name: ytd_vs_last_ytd
SELECT a.kpi_code, a.value AS ytd, b.value AS last_ytd FROM kpi_values a JOIN kpi_values b ON b.kpi_code = a.kpi_code AND b.basis = 'YTD' AND b.period_type = 'MONTH' AND b.area = 'All' AND b.team = 'All' AND b.period_end = last_day(a.period_end - INTERVAL 1 YEAR) WHERE a.basis = 'YTD' AND a.period_type = 'MONTH' AND a.area = 'All' AND a.team = 'All' AND a.period_end = (SELECT max(period_end) FROM kpi_values);
-- name: pivot_areas
PIVOT (SELECT area, period_end, numerator FROM kpi_values WHERE kpi_code = 'contacts' AND period_type = 'YEAR' AND basis = 'YEAR' AND team = 'All') ON area USING sum(numerator);
-- name: months_above_average
SELECT kpi_code, count(*) FILTER (WHERE value > avg_v) AS above FROM (SELECT kpi_code, value, avg(value) OVER (PARTITION BY kpi_code) AS avg_v FROM kpi_values WHERE period_type = 'MONTH' AND basis = 'MONTH' AND area = 'All') GROUP BY kpi_code;
-- name: distinct_periods
SELECT period_type, count(DISTINCT period_end) FROM kpi_values GROUP BY period_type;
-- name: team_trend_latest_12
SELECT team, period_end, numerator FROM kpi_values WHERE kpi_code = 'contacts' AND period_type = 'MONTH' AND basis = 'MONTH' AND team <> 'All' AND period_end > (SELECT max(period_end) FROM kpi_values) - INTERVAL 12 MONTH ORDER BY team, period_end;
-- name: full_scan_summary
SELECT period_type, basis, count(*), sum(numerator), avg(value) FROM kpi_values GROUP BY ALL ORDER BY ALL;
