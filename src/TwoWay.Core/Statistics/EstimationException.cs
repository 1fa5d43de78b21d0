namespace TwoWay.Statistics;

/// <summary>
/// A model cannot be estimated from the data given, e.g. a covariate with no variation, collinear
/// covariates or no events. The message names the cause; adapters turn it into an input error
/// naming the file, since the data (not the program) has to change.
/// </summary>
public sealed class EstimationException(string message) : Exception(message);
