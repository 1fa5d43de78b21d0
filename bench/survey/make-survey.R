# A FICTIONAL stratified two-stage cluster sample of 100,000 firms for the survey benchmark
# (issue 14): 20 strata, 2,000 sampled PSUs (of 10,000 in the population), 50 firms each; seeded.
# No real firm or survey. Usage: Rscript make-survey.R OUT.csv [firms]
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]; firms <- if (length(args) > 1) as.integer(args[2]) else 100000L
set.seed(20261204)
H <- 20; psu_per_stratum <- firms / 50 / H; N_h <- psu_per_stratum * 5
rows <- vector("list", H)
for (h in seq_len(H)) {
  n <- psu_per_stratum * 50
  psu <- rep(sprintf("S%02d-P%03d", h, seq_len(psu_per_stratum)), each = 50)
  u <- rep(rnorm(psu_per_stratum, 0, 0.7), each = 50)
  sector <- sample(c("manufacturing", "services", "trade"), n, replace = TRUE)
  size <- sample(c("micro", "small", "medium"), n, replace = TRUE, prob = c(0.6, 0.3, 0.1))
  imports <- rbinom(n, 1, plogis(-0.5 + u + 0.05 * h))
  exports <- rbinom(n, 1, plogis(-1.3 + 1.1 * imports + 0.5 * (sector == "manufacturing") + 0.4 * (size == "medium") + 0.6 * u))
  M <- rep(sample(60:200, psu_per_stratum, replace = TRUE), each = 50)
  rows[[h]] <- data.frame(stratum = sprintf("S%02d", h), psu, fpc = N_h, weight = round(N_h / psu_per_stratum * M / 50, 6),
                          imports, exports, sector, size_class = size)
}
d <- do.call(rbind, rows)
d$firm_id <- sprintf("F%06d", seq_len(nrow(d)))
write.csv(d[, c("firm_id", "stratum", "psu", "fpc", "weight", "imports", "exports", "sector", "size_class")], out, row.names = FALSE)
