# Produces the reference values the statistics core is tested against, and the data they came
# from, from R's survival package (the book example, ovarian, lung, veteran, heart) and glm.
# Run from this folder:  Rscript make-reference.R   (writes *.csv data files and reference.json)
suppressPackageStartupMessages({ library(survival); library(jsonlite); library(sandwich) })
options(digits = 15)
# Tight convergence so that the reference is the maximum itself (R's default eps is 1e-9).
ctl <- coxph.control(eps = 1e-11, iter.max = 100)

# Therneau & Grambsch's hand-derived 7-row example (survival/tests/book1.R); the NA row is dropped.
book <- data.frame(time = c(9, 1, 1, 6, 6, 8), status = c(1, 1, 0, 1, 1, 0), x = c(0, 1, 1, 1, 0, 0))
lungall <- lung[, c("inst", "time", "status", "age", "sex")]
lungall$status <- lungall$status - 1
lung2 <- lungall[!is.na(lungall$inst), ]
vet <- veteran[, c("time", "status", "trt", "celltype", "karno")]
hrt <- heart[, c("id", "start", "stop", "event", "age", "surgery", "transplant")]
hrt$transplant <- as.integer(as.character(hrt$transplant))
ova <- ovarian[, c("futime", "fustat", "age")]
inf <- infert[, c("stratum", "case", "spontaneous", "induced", "age")]

write.csv(book, "book.csv", row.names = FALSE)
write.csv(lungall, "lung.csv", row.names = FALSE, na = "")
write.csv(vet, "veteran.csv", row.names = FALSE)
write.csv(hrt, "heart.csv", row.names = FALSE)
write.csv(ova, "ovarian.csv", row.names = FALSE)
write.csv(inf, "infert.csv", row.names = FALSE)

cox <- function(fit, robust = FALSE) {
  list(coef = unname(coef(fit)), se = unname(sqrt(diag(fit$naive.var %||% fit$var))),
       robust_se = if (robust) unname(sqrt(diag(fit$var))) else NULL,
       loglik = unname(fit$loglik), lr = unname(2 * diff(fit$loglik)),
       wald = if (robust) NULL else unname(fit$wald.test), score = unname(fit$score),
       robust_wald = if (robust) unname(fit$wald.test) else NULL,
       concordance = unname(concordance(fit)$concordance))
}
`%||%` <- function(a, b) if (is.null(a)) b else a

ref <- list()
ref$book_breslow <- cox(coxph(Surv(time, status) ~ x, book, ties = "breslow", control = ctl))
ref$book_efron <- cox(coxph(Surv(time, status) ~ x, book, ties = "efron", control = ctl))
ref$ovarian_age <- cox(coxph(Surv(futime, fustat) ~ age, ova, control = ctl))
ref$lung_efron <- cox(coxph(Surv(time, status) ~ age + sex, lungall, control = ctl))
ref$lung_breslow <- cox(coxph(Surv(time, status) ~ age + sex, lungall, ties = "breslow", control = ctl))
ref$lung_cluster_inst <- cox(coxph(Surv(time, status) ~ age + sex, lung2, cluster = inst, control = ctl), robust = TRUE)
ref$veteran_efron <- cox(coxph(Surv(time, status) ~ trt + celltype + karno, vet, control = ctl))
ref$veteran_breslow <- cox(coxph(Surv(time, status) ~ trt + celltype + karno, vet, ties = "breslow", control = ctl))
ref$heart_cluster_id <- cox(coxph(Surv(start, stop, event) ~ age + surgery + transplant, hrt, cluster = id, control = ctl), robust = TRUE)
ref$heart_breslow_cluster_id <- cox(coxph(Surv(start, stop, event) ~ age + surgery + transplant, hrt, cluster = id, ties = "breslow", control = ctl), robust = TRUE)

km <- summary(survfit(Surv(time, status) ~ sex, lungall), censored = TRUE)
ref$km_lung_sex <- list(strata = as.character(km$strata), time = km$time, n_risk = km$n.risk, n_event = km$n.event,
                        surv = km$surv, std_err = km$std.err, lower = km$lower, upper = km$upper)
ref$logrank_lung_sex <- list(chisq = survdiff(Surv(time, status) ~ sex, lungall)$chisq)
lr4 <- survdiff(Surv(time, status) ~ celltype, vet)
ref$logrank_veteran_celltype <- list(chisq = lr4$chisq, observed = unname(lr4$obs), expected = unname(lr4$exp))

g <- glm(case ~ spontaneous + induced + age, data = inf, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
ref$logit_infert <- list(coef = unname(coef(g)), se = unname(sqrt(diag(vcov(g)))), loglik = as.numeric(logLik(g)),
                         deviance = deviance(g),
                         cluster_se = unname(sqrt(diag(vcovCL(g, cluster = ~stratum, type = "HC0", cadjust = FALSE)))))
ref$wilson_7_of_20 <- list(ci = unname(prop.test(7, 20, correct = FALSE)$conf.int[1:2]))
ref$wilson_0_of_9 <- list(ci = unname(prop.test(0, 9, correct = FALSE)$conf.int[1:2]))

writeLines(toJSON(ref, digits = NA, auto_unbox = FALSE, pretty = TRUE), "reference.json")
