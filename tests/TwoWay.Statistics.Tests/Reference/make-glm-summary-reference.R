# summary(glm) figures of the logit beyond its coefficients: null and residual deviance, AIC,
# for binary rows (infert.csv, written by make-reference.R) and for the same data grouped into
# binomial counts (cbind(events, trials − events)), where the AIC includes log C(n, y).
# Run from this folder: Rscript make-glm-summary-reference.R   (writes glm-summary.json)
suppressPackageStartupMessages(library(jsonlite))
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
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "glm-summary.json")
