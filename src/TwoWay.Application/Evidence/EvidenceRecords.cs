using TwoWay.Qualitative;

namespace TwoWay.Application.Evidence;

/// <summary>
/// A coded quotation to link (or unlink) as evidence, as the user names it: the coding id, and
/// exactly one of an operation id or a connection written FROM&gt;TO (two operation ids of one firm,
/// e.g. RS-01/1&gt;RS-01/4).
/// </summary>
public sealed record EvidenceLinkRequest(string Coding, string? Operation = null, string? Connection = null);

/// <summary><c>evidence</c>: every evidence link of the study.</summary>
public sealed record EvidenceList(IReadOnlyList<EvidenceEntry> Links);

/// <summary>One link: what the quotation is evidence for ("operation" or "connection", and the operation id or FROM&gt;TO), and the quotation.</summary>
public sealed record EvidenceEntry(string Target, string TargetId, Quotation Quotation);
