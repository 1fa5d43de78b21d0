# Reference values for character-level Cohen's kappa (NVivo's coding comparison method).
# Each case: a transcript of N characters; coder A coded the characters in spans a, coder B in spans b
# (0-based, end exclusive, like C# string indices). Every character is one unit with value
# 1 (coded) or 0 (not coded) per coder; psych::cohen.kappa gives Cohen's (1960) kappa over them.
# Run: Rscript kappa_reference.R > kappa_reference.csv
suppressMessages(library(psych))
cases <- list(
  list(id = "half_overlap",  n = 20,  a = list(c(0, 10)),            b = list(c(5, 15))),
  list(id = "nested",        n = 100, a = list(c(10, 60)),           b = list(c(20, 40))),
  list(id = "two_spans",     n = 50,  a = list(c(0, 5), c(20, 30)),  b = list(c(3, 8), c(22, 35))),
  list(id = "disjoint",      n = 40,  a = list(c(0, 10)),            b = list(c(20, 30))),
  list(id = "large_sparse",  n = 5000, a = list(c(100, 400), c(1000, 1100)), b = list(c(150, 420), c(3000, 3050)))
)
mark <- function(n, spans) { v <- integer(n); for (s in spans) v[(s[1] + 1):s[2]] <- 1L; v }
cat("id,n,a,b,both,percent_agreement,kappa\n")
for (k in cases) {
  va <- mark(k$n, k$a); vb <- mark(k$n, k$b)
  kap <- cohen.kappa(cbind(va, vb))$kappa
  cat(sprintf("%s,%d,%d,%d,%d,%.12f,%.12f\n", k$id, k$n, sum(va), sum(vb), sum(va & vb), 100 * mean(va == vb), kap))
}
