# Survey-mode reference: a generated survey (one row per firm) and R's values for it.
# Run from this folder: Rscript make-survey-reference.R  (writes survey.csv, survey-reference.json)
suppressPackageStartupMessages({ library(jsonlite); library(sandwich) })
set.seed(20240601)
n <- 400
sector <- sample(c("manufacturing", "services", "trade"), n, replace = TRUE)
imports <- rbinom(n, 1, 0.35)
exports <- rbinom(n, 1, plogis(-1.5 + 1.1 * imports + 0.4 * (sector == "manufacturing")))
weight <- round(runif(n, 0.5, 4), 3)
d <- data.frame(firm_id = sprintf("S%03d", 1:n), imports, exports, weight, sector)
write.csv(d, "survey.csv", row.names = FALSE)

w <- d$weight
share <- function(sel, yes) sum(w[sel & yes]) / sum(w[sel])
neff <- function(sel) sum(w[sel])^2 / sum(w[sel]^2)
state <- ifelse(d$imports == 1, ifelse(d$exports == 1, "two_way", "import_only"), ifelse(d$exports == 1, "export_only", "none"))
all <- rep(TRUE, n)
ne <- neff(all)
tab <- xtabs(w ~ imports + exports, d) / sum(w) * ne
d$wn <- w / mean(w)
g <- suppressWarnings(glm(exports ~ imports + sector, data = d, family = quasibinomial, weights = wn,
                          control = glm.control(epsilon = 1e-14, maxit = 100)))
ref <- list(
  states = sapply(c("none", "import_only", "export_only", "two_way"), function(s) share(all, state == s)),
  neff = ne,
  export_given_import = share(d$imports == 1, d$exports == 1),
  import_given_export = share(d$exports == 1, d$imports == 1),
  neff_importers = neff(d$imports == 1),
  chisq = unname(suppressWarnings(chisq.test(tab, correct = FALSE))$statistic),
  logit_coef = unname(coef(g)),
  logit_se = unname(sqrt(diag(vcovHC(g, type = "HC0")))))
writeLines(toJSON(ref, digits = NA, pretty = TRUE), "survey-reference.json")
