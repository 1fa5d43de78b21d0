# summary(glm) figures of the logit beyond its coefficients: null and residual deviance, AIC,
# for binary rows (infert.csv, written by make-reference.R) and for the same data grouped into
# binomial counts (cbind(events, trials − events)), where the AIC includes log C(n, y).
# Also summary(coxph(cluster =))'s robust score test and the concordance's standard error on lung.csv
# (clustered by institution, and without clusters).
# Run from this folder: Rscript make-glm-summary-reference.R   (writes glm-summary.json)
suppressPackageStartupMessages({ library(jsonlite); library(survival) })
inf <- read.csv("infert.csv")
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
g <- glm(case ~ spontaneous + induced + age, data = inf, family = binomial, control = ctl)
grp <- aggregate(cbind(events = case, trials = 1) ~ spontaneous + induced, data = inf, FUN = sum)
grp <- grp[order(grp$spontaneous, grp$induced), ]
write.csv(grp, "infert-grouped.csv", row.names = FALSE)
gg <- glm(cbind(events, trials - events) ~ spontaneous + induced, data = grp, family = binomial, control = ctl)
out <- list(
  binary = list(null_deviance = g$null.deviance, deviance = g$deviance, aic = g$aic, loglik = as.numeric(logLik(g))),
  grouped = list(coef = unname(coef(gg)), null_deviance = gg$null.deviance, deviance = gg$deviance, aic = gg$aic,
                 loglik = as.numeric(logLik(gg))))
lung2 <- read.csv("lung.csv")
lung2 <- lung2[!is.na(lung2$inst), ]
for (ties in c("efron", "breslow")) {
  f <- coxph(Surv(time, status) ~ age + sex, lung2, cluster = inst, ties = ties, control = coxph.control(eps = 1e-11, iter.max = 100))
  out[[paste0("lung_cluster_", ties)]] <- list(robust_score = f$rscore, score = f$score, wald = f$wald.test,
                                               concordance = unname(f$concordance["concordance"]), concordance_se = unname(f$concordance["std"]))
}
lungall <- read.csv("lung.csv")
f <- coxph(Surv(time, status) ~ age + sex, lungall, control = coxph.control(eps = 1e-11, iter.max = 100))
out$lung_efron <- list(concordance = unname(f$concordance["concordance"]), concordance_se = unname(f$concordance["std"]))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "glm-summary.json")
