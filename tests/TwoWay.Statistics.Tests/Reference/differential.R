# Live differential test: fits, in R, the models the C# test fits on the same generated data.
# Usage: Rscript differential.R data.csv out.json
# data.csv columns: start, stop, event, x1, x2, x3, w, cluster
suppressPackageStartupMessages({ library(survival); library(jsonlite); library(sandwich) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
ctl <- coxph.control(eps = 1e-11, iter.max = 100)
out <- list()
for (ties in c("efron", "breslow")) {
  f <- coxph(Surv(start, stop, event) ~ x1 + x2 + x3, d, weights = w, cluster = cluster, ties = ties, control = ctl)
  out[[ties]] <- list(coef = unname(coef(f)), se = unname(sqrt(diag(f$naive.var))), robust_se = unname(sqrt(diag(f$var))),
                      loglik = unname(f$loglik), score = unname(f$score),
                      concordance = unname(concordance(f)$concordance))
}
g <- glm(event ~ x1 + x2 + x3, data = d, family = binomial, weights = w, control = glm.control(epsilon = 1e-14, maxit = 100))
out$logit <- list(coef = unname(coef(g)), se = unname(sqrt(diag(vcov(g)))),
                  cluster_se = unname(sqrt(diag(vcovCL(g, cluster = ~cluster, type = "HC0", cadjust = FALSE)))))
writeLines(toJSON(out, digits = NA), args[2])
