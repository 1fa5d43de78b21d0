# Fits, in R, the entry models that `twoway panel analyze` fits, on the spell rows it exported.
# Usage: Rscript panel-differential.R spells.csv K out.json
#   spells.csv: firm, interval, imp_lag, event, sector, size_class (one row per firm-interval)
#   K: the last interval dummy of the discrete-time logit (later intervals pooled into it)
suppressPackageStartupMessages({ library(survival); library(jsonlite); library(sandwich) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(firm = "character", sector = "character", size_class = "character"))
K <- as.integer(args[2])
ctl <- coxph.control(eps = 1e-11, iter.max = 100)
out <- list()
for (ties in c("efron", "breslow")) {
  f <- coxph(Surv(interval - 1, interval, event) ~ imp_lag + sector + size_class, d, cluster = firm, ties = ties, control = ctl)
  out[[ties]] <- list(coef = unname(coef(f)), se = unname(sqrt(diag(f$naive.var))), robust_se = unname(sqrt(diag(f$var))),
                      loglik = unname(f$loglik), concordance = unname(concordance(f)$concordance),
                      n = f$n, nevent = f$nevent, exp_neg_coef = unname(exp(-coef(f))), robust_score = f$rscore,
                      concordance_se = unname(f$concordance["std"]))
}
d$dur <- factor(pmin(d$interval, K))
g <- glm(event ~ dur + imp_lag + sector + size_class, data = d, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
out$logit <- list(coef = unname(coef(g)), se = unname(sqrt(diag(vcov(g)))),
                  cluster_se = unname(sqrt(diag(vcovCL(g, cluster = ~firm, type = "HC0", cadjust = FALSE)))),
                  null_deviance = g$null.deviance, deviance = g$deviance, aic = g$aic)
# The baseline (reference) level of each factor, as R's factor() chooses it.
out$reference <- list(sector = levels(factor(d$sector))[1], size_class = levels(factor(d$size_class))[1])
firms <- do.call(rbind, lapply(split(d, d$firm), function(s) data.frame(time = max(s$interval), event = max(s$event), lag0 = s$imp_lag[s$interval == 1])))
km <- summary(survfit(Surv(time, event) ~ lag0, firms))
out$km <- list(strata = as.character(km$strata), time = km$time, surv = km$surv, std_err = km$std.err)
out$logrank <- list(chisq = survdiff(Surv(time, event) ~ lag0, firms)$chisq)
writeLines(toJSON(out, digits = NA), args[3])
