namespace TwoWay.Web.Hosting;

/// <summary>
/// How <c>twoway serve</c> runs the workbench on a laptop.
/// </summary>
/// <param name="Study">The study file (or PostgreSQL connection string) the pages read and edit.</param>
/// <param name="Coder">Whose codings new codings are (the name shown in the margin and in agreement).</param>
/// <param name="Port">The loopback port; 0 picks a free one.</param>
public sealed record WorkbenchOptions(string Study, string Coder, int Port = 0);

/// <summary>The study and coder the running workbench serves, for its pages and endpoints.</summary>
public sealed record WorkbenchContext(string Study, string Coder, string StudyName);
