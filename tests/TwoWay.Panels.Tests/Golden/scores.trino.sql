-- TwoWay score pass for export entry (trino), written by `twoway panel fit`.
-- Save the one-row result as CSV and give it back: twoway panel fit CELLS --scores FILE (one file per direction).
-- Only the number of firms and sums of products of a 3-vector (per firm, summed over firms) leave the engine.
WITH fw AS (
  SELECT firm, year, imp, exp,
    CAST(year - y0 AS SMALLINT) AS k, rn, prev_year, lag_imp, lag_exp, next_year,
    CASE WHEN first_imp < year THEN 1 ELSE 0 END AS imp_before,
    CASE WHEN first_exp < year THEN 1 ELSE 0 END AS exp_before,
    CASE WHEN first_imp = y0 THEN 1 ELSE 0 END AS imp0,
    CASE WHEN first_exp = y0 THEN 1 ELSE 0 END AS exp0, lag_cov0, lag_cov1
  FROM (
    SELECT firm, year, imp, exp,
      CAST(ROW_NUMBER() OVER (PARTITION BY firm ORDER BY year) - 1 AS SMALLINT) AS rn,
      LAG(year) OVER (PARTITION BY firm ORDER BY year) AS prev_year, LAG(imp) OVER (PARTITION BY firm ORDER BY year) AS lag_imp, LAG(exp) OVER (PARTITION BY firm ORDER BY year) AS lag_exp,
      LEAD(year) OVER (PARTITION BY firm ORDER BY year) AS next_year,
      MIN(year) OVER (PARTITION BY firm) AS y0,
      MIN(CASE WHEN imp = 1 THEN year END) OVER (PARTITION BY firm) AS first_imp,
      MIN(CASE WHEN exp = 1 THEN year END) OVER (PARTITION BY firm) AS first_exp, LAG(cov0) OVER (PARTITION BY firm ORDER BY year) AS lag_cov0, LAG(cov1) OVER (PARTITION BY firm ORDER BY year) AS lag_cov1
    FROM (SELECT firm, CAST(year_d AS INTEGER) AS year,
                 CAST(CASE WHEN imp_d > 0 THEN 1 ELSE 0 END AS SMALLINT) AS imp,
                 CAST(CASE WHEN exp_d > 0 THEN 1 ELSE 0 END AS SMALLINT) AS exp, cov0, cov1
          FROM (SELECT "firm_id" AS firm, CAST("year" AS DOUBLE) AS year_d, CAST("import_value" AS DOUBLE) AS imp_d, CAST("export_value" AS DOUBLE) AS exp_d, COALESCE(CAST("sector" AS VARCHAR), '(missing)') AS cov0, COALESCE(CAST("size_class" AS VARCHAR), '(missing)') AS cov1 FROM "trade"."firm_years") src) p) x
),
spells AS (SELECT firm, k, lag_imp AS lag, exp AS event, lag_cov0 AS cov0, lag_cov1 AS cov1, imp0 AS lag0, CASE WHEN exp = 1 OR next_year IS NULL OR next_year <> year + 1 THEN 1 ELSE 0 END AS is_last FROM fw WHERE k = rn AND k >= 1 AND exp0 = 0 AND exp_before = 0)
SELECT 'export' AS "direction", r.* FROM (
SELECT COUNT(*) AS clusters, SUM(u0 * u0) AS m_0_0, SUM(u1 * u0) AS m_1_0, SUM(u1 * u1) AS m_1_1, SUM(u2 * u2) AS m_2_2
FROM (SELECT s.firm, SUM(CAST(c.s0 AS DOUBLE)) AS u0, SUM(CAST(c.s1 AS DOUBLE)) AS u1, SUM(CAST(c.s2 AS DOUBLE)) AS u2
  FROM spells s JOIN (VALUES
    (1, 0, 0, 'A', 'micro', 0.25, -1.5E-07, 1.0),
    (1, 1, 1, 'O''Brien & Co', 'small', -0.125, 3.0, -2.0)
  ) AS c(k, lag, event, cov0, cov1, s0, s1, s2)
  ON s.k = c.k AND s.lag = c.lag AND s.event = c.event AND s.cov0 = c.cov0 AND s.cov1 = c.cov1
  GROUP BY s.firm) f
) r;
