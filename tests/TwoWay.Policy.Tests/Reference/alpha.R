# Reference values for Cronbach's alpha (TwoWay.Assessment.Reliability.CronbachAlpha) and for
# type-7 quantiles (Distribution.Of). Run from this folder:  Rscript alpha.R
# Writes alpha_data_*.csv (1-5 answers simulated from one latent factor, seeded) and
# alpha_reference.csv (psych::alpha raw_alpha, 17 significant digits), quantile_reference.csv.
suppressPackageStartupMessages(library(psych))
set.seed(20261125)
simulate <- function(n, k, loading) {
  f <- rnorm(n)
  x <- sapply(seq_len(k), function(j) {
    v <- loading * f + rnorm(n)
    as.integer(pmin(5, pmax(1, round(3 + v))))
  })
  colnames(x) <- paste0("item", seq_len(k))
  as.data.frame(x)
}
cases <- list(
  list(name = "k2_n50", n = 50, k = 2, loading = 0.8),
  list(name = "k3_n200", n = 200, k = 3, loading = 1.0),
  list(name = "k5_n500", n = 500, k = 5, loading = 0.6),
  list(name = "k12_n1000", n = 1000, k = 12, loading = 0.9)
)
out <- data.frame(name = character(), items = integer(), cases = integer(), raw_alpha = character())
for (c in cases) {
  x <- simulate(c$n, c$k, c$loading)
  write.csv(x, paste0("alpha_data_", c$name, ".csv"), row.names = FALSE)
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)$total$raw_alpha
  out <- rbind(out, data.frame(name = c$name, items = c$k, cases = c$n, raw_alpha = sprintf("%.17g", a)))
}
write.csv(out, "alpha_reference.csv", row.names = FALSE, quote = FALSE)

# Quantiles: R's default (type 7), as Distribution.Of reports q1, median, q3.
q <- c(0, 12.5, 25, 25, 37.5, 50, 62.5, 87.5, 100, 41.66666666666667)
qs <- quantile(q, c(0.25, 0.5, 0.75), type = 7)
write.csv(data.frame(p = c(0.25, 0.5, 0.75), value = sprintf("%.17g", qs), mean = sprintf("%.17g", mean(q)), sd = sprintf("%.17g", sd(q))),
          "quantile_reference.csv", row.names = FALSE, quote = FALSE)
cat(sprintf("R %s, psych %s\n", getRversion(), packageVersion("psych")))
