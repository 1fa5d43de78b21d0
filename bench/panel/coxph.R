# R's coxph on the spell rows `twoway panel analyze --spells-out` wrote: the reference time for the Cox fit.
# Usage: Rscript coxph.R spells.csv [max_rows]
suppressPackageStartupMessages({ library(survival); library(data.table) })
args <- commandArgs(trailingOnly = TRUE)
nmax <- if (length(args) > 1) as.numeric(args[2]) else Inf
d <- fread(args[1], nrows = nmax, colClasses = list(character = c("firm", "sector", "size_class", "region")))
cat(sprintf("rows %d\n", nrow(d)))
t <- system.time(f <- coxph(Surv(interval - 1, interval, event) ~ imp_lag + sector + size_class + region, data = d, cluster = firm))
cat(sprintf("coxph efron + cluster: %.2f s elapsed, %.2f s CPU (user + system)\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
print(coef(f)[1:2])
