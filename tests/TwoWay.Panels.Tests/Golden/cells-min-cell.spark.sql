-- TwoWay panel aggregation (spark), written by `twoway panel sql`.
-- Table trade.firm_years: firm firm_id, year year, imports import_value, exports export_value, covariates sector, size_class.
-- Step 1 (checks): every count but firm_years must be 0; otherwise fix the table first.
SELECT
  SUM(CASE WHEN firm IS NULL THEN 1 ELSE 0 END) AS missing_firm,
  SUM(CASE WHEN year_d IS NULL OR year_d <> FLOOR(year_d) OR year_d < 1000 OR year_d > 9999 THEN 1 ELSE 0 END) AS bad_year,
  SUM(CASE WHEN imp_d IS NULL OR imp_d < 0 THEN 1 ELSE 0 END) AS bad_import,
  SUM(CASE WHEN exp_d IS NULL OR exp_d < 0 THEN 1 ELSE 0 END) AS bad_export,
  COUNT(*) - (SELECT COUNT(*) FROM (SELECT DISTINCT firm, year_d FROM (SELECT `firm_id` AS firm, CAST(`year` AS DOUBLE) AS year_d, CAST(`import_value` AS DOUBLE) AS imp_d, CAST(`export_value` AS DOUBLE) AS exp_d, COALESCE(CAST(`sector` AS STRING), '(missing)') AS cov0, COALESCE(CAST(`size_class` AS STRING), '(missing)') AS cov1 FROM `trade`.`firm_years`) src) u) AS duplicate_firm_years,
  COUNT(*) AS firm_years
FROM (SELECT `firm_id` AS firm, CAST(`year` AS DOUBLE) AS year_d, CAST(`import_value` AS DOUBLE) AS imp_d, CAST(`export_value` AS DOUBLE) AS exp_d, COALESCE(CAST(`sector` AS STRING), '(missing)') AS cov0, COALESCE(CAST(`size_class` AS STRING), '(missing)') AS cov1 FROM `trade`.`firm_years`) src;

-- Step 2 (cells): save the result as CSV or Parquet with its header and give it to `twoway panel fit`.
-- Only counts per cell leave the engine, never a firm's row.
-- Disclosure control (--min-cell 10): a cell or outcome row resting on 1 to 9 firms, entries or
-- non-entries is held back; then, in each interval, the next smallest rows too until at least two
-- are held back and they rest on 10 firms together, so none can be found from a total.
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
          FROM (SELECT `firm_id` AS firm, CAST(`year` AS DOUBLE) AS year_d, CAST(`import_value` AS DOUBLE) AS imp_d, CAST(`export_value` AS DOUBLE) AS exp_d, COALESCE(CAST(`sector` AS STRING), '(missing)') AS cov0, COALESCE(CAST(`size_class` AS STRING), '(missing)') AS cov1 FROM `trade`.`firm_years`) src) p) x
),
export_spells AS (SELECT firm, k, lag_imp AS lag, exp AS event, lag_cov0 AS cov0, lag_cov1 AS cov1, imp0 AS lag0, CASE WHEN exp = 1 OR next_year IS NULL OR next_year <> year + 1 THEN 1 ELSE 0 END AS is_last FROM fw WHERE k = rn AND k >= 1 AND exp0 = 0 AND exp_before = 0),
import_spells AS (SELECT firm, k, lag_exp AS lag, imp AS event, lag_cov0 AS cov0, lag_cov1 AS cov1, exp0 AS lag0, CASE WHEN imp = 1 OR next_year IS NULL OR next_year <> year + 1 THEN 1 ELSE 0 END AS is_last FROM fw WHERE k = rn AND k >= 1 AND imp0 = 0 AND imp_before = 0),
cells AS (
  SELECT 'cell' AS `part`, 'export' AS `direction`, k AS `interval`, lag AS `lag`, cov0 AS `sector`, cov1 AS `size_class`, COUNT(*) AS `firms`, SUM(event) AS `entries` FROM export_spells sp GROUP BY k, lag, cov0, cov1
  UNION ALL
  SELECT 'outcome', 'export', k, lag0, CAST(NULL AS STRING) AS `sector`, CAST(NULL AS STRING) AS `size_class`, COUNT(*), SUM(event) FROM export_spells sp WHERE is_last = 1 GROUP BY k, lag0
  UNION ALL
  SELECT 'cell' AS `part`, 'import' AS `direction`, k AS `interval`, lag AS `lag`, cov0 AS `sector`, cov1 AS `size_class`, COUNT(*) AS `firms`, SUM(event) AS `entries` FROM import_spells sp GROUP BY k, lag, cov0, cov1
  UNION ALL
  SELECT 'outcome', 'import', k, lag0, CAST(NULL AS STRING) AS `sector`, CAST(NULL AS STRING) AS `size_class`, COUNT(*), SUM(event) FROM import_spells sp WHERE is_last = 1 GROUP BY k, lag0
),
flagged AS (SELECT c.*, CASE WHEN (`firms` > 0 AND `firms` < 10) OR (`entries` > 0 AND `entries` < 10)
    OR (`firms` - `entries` > 0 AND `firms` - `entries` < 10) THEN 1 ELSE 0 END AS small FROM cells c),
ranked AS (SELECT f.*, SUM(small) OVER (PARTITION BY `part`, `direction`, `interval`) AS smalls,
    ROW_NUMBER() OVER (PARTITION BY `part`, `direction`, `interval` ORDER BY small DESC, `firms`, `entries`, `lag`, `sector`, `size_class`) AS rk,
    COALESCE(SUM(`firms`) OVER (PARTITION BY `part`, `direction`, `interval` ORDER BY small DESC, `firms`, `entries`, `lag`, `sector`, `size_class` ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS firms_before
    FROM flagged f),
released AS (SELECT r.*, CASE WHEN small = 1 OR (smalls > 0 AND (rk <= 2 OR firms_before < 10)) THEN 0 ELSE 1 END AS shown FROM ranked r)
SELECT `part`, `direction`, `interval`, `lag`, `sector`, `size_class`, `firms`, `entries` FROM released WHERE shown = 1;

-- Step 3 (what was held back): rows per direction and part, never their counts of firms.
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
          FROM (SELECT `firm_id` AS firm, CAST(`year` AS DOUBLE) AS year_d, CAST(`import_value` AS DOUBLE) AS imp_d, CAST(`export_value` AS DOUBLE) AS exp_d, COALESCE(CAST(`sector` AS STRING), '(missing)') AS cov0, COALESCE(CAST(`size_class` AS STRING), '(missing)') AS cov1 FROM `trade`.`firm_years`) src) p) x
),
export_spells AS (SELECT firm, k, lag_imp AS lag, exp AS event, lag_cov0 AS cov0, lag_cov1 AS cov1, imp0 AS lag0, CASE WHEN exp = 1 OR next_year IS NULL OR next_year <> year + 1 THEN 1 ELSE 0 END AS is_last FROM fw WHERE k = rn AND k >= 1 AND exp0 = 0 AND exp_before = 0),
import_spells AS (SELECT firm, k, lag_exp AS lag, imp AS event, lag_cov0 AS cov0, lag_cov1 AS cov1, exp0 AS lag0, CASE WHEN imp = 1 OR next_year IS NULL OR next_year <> year + 1 THEN 1 ELSE 0 END AS is_last FROM fw WHERE k = rn AND k >= 1 AND imp0 = 0 AND imp_before = 0),
cells AS (
  SELECT 'cell' AS `part`, 'export' AS `direction`, k AS `interval`, lag AS `lag`, cov0 AS `sector`, cov1 AS `size_class`, COUNT(*) AS `firms`, SUM(event) AS `entries` FROM export_spells sp GROUP BY k, lag, cov0, cov1
  UNION ALL
  SELECT 'outcome', 'export', k, lag0, CAST(NULL AS STRING) AS `sector`, CAST(NULL AS STRING) AS `size_class`, COUNT(*), SUM(event) FROM export_spells sp WHERE is_last = 1 GROUP BY k, lag0
  UNION ALL
  SELECT 'cell' AS `part`, 'import' AS `direction`, k AS `interval`, lag AS `lag`, cov0 AS `sector`, cov1 AS `size_class`, COUNT(*) AS `firms`, SUM(event) AS `entries` FROM import_spells sp GROUP BY k, lag, cov0, cov1
  UNION ALL
  SELECT 'outcome', 'import', k, lag0, CAST(NULL AS STRING) AS `sector`, CAST(NULL AS STRING) AS `size_class`, COUNT(*), SUM(event) FROM import_spells sp WHERE is_last = 1 GROUP BY k, lag0
),
flagged AS (SELECT c.*, CASE WHEN (`firms` > 0 AND `firms` < 10) OR (`entries` > 0 AND `entries` < 10)
    OR (`firms` - `entries` > 0 AND `firms` - `entries` < 10) THEN 1 ELSE 0 END AS small FROM cells c),
ranked AS (SELECT f.*, SUM(small) OVER (PARTITION BY `part`, `direction`, `interval`) AS smalls,
    ROW_NUMBER() OVER (PARTITION BY `part`, `direction`, `interval` ORDER BY small DESC, `firms`, `entries`, `lag`, `sector`, `size_class`) AS rk,
    COALESCE(SUM(`firms`) OVER (PARTITION BY `part`, `direction`, `interval` ORDER BY small DESC, `firms`, `entries`, `lag`, `sector`, `size_class` ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS firms_before
    FROM flagged f),
released AS (SELECT r.*, CASE WHEN small = 1 OR (smalls > 0 AND (rk <= 2 OR firms_before < 10)) THEN 0 ELSE 1 END AS shown FROM ranked r)
SELECT `direction`, `part`, SUM(small) AS primary_suppressed,
  SUM(CASE WHEN small = 0 AND shown = 0 THEN 1 ELSE 0 END) AS secondary_suppressed
FROM released GROUP BY `direction`, `part`;
