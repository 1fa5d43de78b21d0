# Survey designs (issue 14): a FICTIONAL stratified two-stage cluster sample of firms, generated
# here with a fixed seed (no real firm, no real survey), and the survey package's values for it.
# Run from this folder: Rscript make-survey-design-reference.R
#   writes survey-design.csv (the data) and survey-design-reference.json (R's values).
#
# Design: 4 strata (A–D) with N_h PSUs (e.g. business districts) in the population, n_h drawn
# without replacement; m_j of M_j firms drawn in each drawn PSU; weight = (N_h/n_h)(M_j/m_j).
# fpc = N_h (PSUs in the stratum's population). A second stratification (stratum_lonely,
# fpc_lonely) splits one PSU of stratum D off into a stratum "E" of its own: a single-PSU
# ("lonely") stratum, for options(survey.lonely.psu = ...).
suppressPackageStartupMessages({ library(survey); library(jsonlite) })
set.seed(20261203)
strata <- data.frame(stratum = c("A", "B", "C", "D"), N = c(20, 15, 30, 12), n = c(4, 3, 5, 3))
rows <- list()
for (h in seq_len(nrow(strata))) {
  for (j in seq_len(strata$n[h])) {
    M <- sample(20:60, 1); m <- sample(6:14, 1)
    u <- rnorm(1, 0, 0.8)
    sector <- sample(c("manufacturing", "services", "trade"), m, replace = TRUE)
    imports <- rbinom(m, 1, plogis(-0.6 + u + 0.3 * (h - 2)))
    exports <- rbinom(m, 1, plogis(-1.2 + 1.0 * imports + 0.5 * (sector == "manufacturing") + 0.7 * u))
    rows[[length(rows) + 1]] <- data.frame(
      stratum = strata$stratum[h], psu = sprintf("%s-%d", strata$stratum[h], j), fpc = strata$N[h],
      weight = round(strata$N[h] / strata$n[h] * M / m, 6), imports, exports, sector)
  }
}
d <- do.call(rbind, rows)
d$firm_id <- sprintf("F%03d", seq_len(nrow(d)))
d$stratum_lonely <- ifelse(d$psu == "D-1", "E", d$stratum)
d$fpc_lonely <- ifelse(d$psu == "D-1", 4, ifelse(d$stratum == "D", 8, d$fpc))
d <- d[, c("firm_id", "stratum", "psu", "fpc", "weight", "imports", "exports", "sector", "stratum_lonely", "fpc_lonely")]
write.csv(d, "survey-design.csv", row.names = FALSE)

d$state <- factor(ifelse(d$imports == 1, ifelse(d$exports == 1, "two_way", "import_only"),
                         ifelse(d$exports == 1, "export_only", "none")),
                  levels = c("none", "import_only", "export_only", "two_way"))
d$both <- d$imports * d$exports
d$no_imports <- 1 - d$imports
d$no_exports <- 1 - d$exports
d$exp_no_imp <- d$exports * d$no_imports
d$imp_no_exp <- d$imports * d$no_exports

values <- function(des) {
  m <- svymean(~state, des, deff = TRUE)
  # P(outcome | domain) two ways: the ratio estimator svyratio(~numerator, ~denominator) and the
  # domain mean svymean(~outcome, subset(design, domain), deff = TRUE); they agree, deff from the latter.
  cond <- function(numerator, denominator, outcome, domain) {
    r <- svyratio(as.formula(paste0("~", numerator)), as.formula(paste0("~", denominator)), des)
    s <- svymean(as.formula(paste0("~", outcome)), subset(des, eval(domain)), deff = TRUE)
    list(estimate = unname(coef(r)), se = unname(sqrt(diag(vcov(r)))),
         domain_mean = unname(coef(s)), domain_se = as.vector(SE(s)), deff = as.vector(deff(s)))
  }
  ch <- svychisq(~imports + exports, des, statistic = "F")
  tab <- svytable(~imports + exports, des, Ntotal = nrow(d))
  g <- svyglm(exports ~ imports + sector, des, family = quasibinomial(),
              control = glm.control(epsilon = 1e-14, maxit = 100))  # converged as tightly as ours
  sg <- summary(g)$coefficients
  list(degf = degf(des),
       states = list(estimate = unname(coef(m)), se = unname(SE(m)), deff = unname(as.vector(deff(m)))),
       export_given_import = cond("both", "imports", "exports", quote(imports == 1)),
       export_given_no_import = cond("exp_no_imp", "no_imports", "exports", quote(imports == 0)),
       import_given_export = cond("both", "exports", "imports", quote(exports == 1)),
       import_given_no_export = cond("imp_no_exp", "no_exports", "imports", quote(exports == 0)),
       rao_scott = list(f = unname(ch$statistic), ndf = unname(ch$parameter[1]), ddf = unname(ch$parameter[2]),
                        p = ch$p.value, pearson = unname(suppressWarnings(chisq.test(tab, correct = FALSE))$statistic)),
       logit = list(coef = unname(coef(g)), se = unname(sg[, 2]), p = unname(sg[, 4]), df_residual = g$df.residual))
}

full <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d)
ref <- list(
  n = nrow(d),
  full = values(full),
  cluster_only = values(svydesign(ids = ~psu, weights = ~weight, data = d)),
  strata_only = values(svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)),
  weights_only = values(svydesign(ids = ~1, weights = ~weight, data = d)))
for (opt in c("remove", "certainty", "adjust", "average")) {
  options(survey.lonely.psu = opt)
  ref[[paste0("lonely_", opt)]] <- suppressWarnings(values(
    svydesign(ids = ~psu, strata = ~stratum_lonely, weights = ~weight, fpc = ~fpc_lonely, data = d)))
}
options(survey.lonely.psu = "fail")
ref$lonely_fail_error <- tryCatch({
  values(svydesign(ids = ~psu, strata = ~stratum_lonely, weights = ~weight, fpc = ~fpc_lonely, data = d)); "no error"
}, error = function(e) conditionMessage(e))
ref$survey_version <- as.character(packageVersion("survey"))
ref$r_version <- R.version.string
writeLines(toJSON(ref, digits = NA, pretty = TRUE, auto_unbox = TRUE), "survey-design-reference.json")
