namespace TwoWay.Domain;

/// <summary>Where a claim about an operation comes from.</summary>
public enum EvidenceKind
{
    Interview,
    CustomsRecord,
    AnnualReport,
    SurveyItem,
    Document,
}

/// <summary>
/// The source behind an operation: an interview (round and quotation), a customs record, an annual
/// report, a survey item or another document. <see cref="Reference"/> says where exactly
/// (respondent, record id, page, item id).
/// </summary>
public sealed record Evidence
{
    public Evidence(EvidenceKind kind, string? reference = null, int? interviewRound = null, string? quotation = null)
    {
        if (interviewRound is not null && kind != EvidenceKind.Interview)
            throw new ArgumentException("An interview round only applies to interview evidence.", nameof(interviewRound));
        if (interviewRound is < 1)
            throw new ArgumentOutOfRangeException(nameof(interviewRound), interviewRound, "Interview rounds are numbered from 1.");
        Kind = kind;
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        InterviewRound = interviewRound;
        Quotation = string.IsNullOrWhiteSpace(quotation) ? null : quotation.Trim();
    }

    public EvidenceKind Kind { get; }
    public string? Reference { get; }
    public int? InterviewRound { get; }
    public string? Quotation { get; }
}
