using TwoWay.Qualitative;

namespace TwoWay.Application.Evidence;

/// <summary>
/// A coded quotation to link (or unlink) as evidence, as the user names it: the coding id, and
/// exactly one of an operation id or a connection written FROM&gt;TO (two operation ids of one firm,
/// e.g. RS-01/1&gt;RS-01/4).
/// </summary>
/// <param name="Coding">The coding's id, or a unique prefix of it.</param>
/// <param name="Operation">The operation id the quotation is evidence for.</param>
/// <param name="Connection">The connection FROM&gt;TO (earlier operation first).</param>
/// <param name="Contradicts">The quotation speaks against the operation or connection (default: it supports it).</param>
public sealed record EvidenceLinkRequest(string Coding, string? Operation = null, string? Connection = null, bool Contradicts = false);

/// <summary><c>evidence</c>: every evidence link of the study.</summary>
public sealed record EvidenceList(IReadOnlyList<EvidenceEntry> Links);

/// <summary>One link: what the quotation is evidence for ("operation" or "connection", and the operation id or FROM&gt;TO), and the quotation.</summary>
/// <param name="Target">"operation" or "connection".</param>
/// <param name="TargetId">The operation id, or FROM&gt;TO.</param>
/// <param name="Quotation">The coded quotation.</param>
/// <param name="Stance">"supports" or "contradicts".</param>
public sealed record EvidenceEntry(string Target, string TargetId, Quotation Quotation, string Stance = "supports");
