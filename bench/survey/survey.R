# R's survey package on the benchmark file: the same design and the same quantities as
# `twoway survey analyze FILE --strata stratum --cluster psu --fpc fpc --covariates sector,size_class`:
# shares of the four trader states with design effects, the two conditional shares, the Rao–Scott F
# test, and the quasibinomial svyglm. Prints the wall seconds of the analysis (reading the CSV included).
suppressPackageStartupMessages(library(survey))
t0 <- Sys.time()
d <- read.csv(commandArgs(trailingOnly = TRUE)[1])
d$state <- factor(ifelse(d$imports == 1, ifelse(d$exports == 1, "two_way", "import_only"), ifelse(d$exports == 1, "export_only", "none")))
d$both <- d$imports * d$exports
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d)
m <- svymean(~state, des, deff = TRUE)
r1 <- svyratio(~both, ~imports, des)
r2 <- svyratio(~both, ~exports, des)
ch <- svychisq(~imports + exports, des, statistic = "F")
g <- svyglm(exports ~ imports + sector + size_class, des, family = quasibinomial())
cat(sprintf("R survey: %.2f s\n", as.numeric(difftime(Sys.time(), t0, units = "secs"))))
cat(sprintf("  export share among importers %.6f (SE %.6f); Rao-Scott F p %.4g; imports coef %.6f (SE %.6f)\n",
            coef(r1), sqrt(vcov(r1)), ch$p.value, coef(g)["imports"], sqrt(vcov(g)["imports", "imports"])))
