namespace TwoWay.Storage.Cases;

// Persistence shapes of the case model. They are plain mutable classes because EF Core
// materialises them; the rest of TwoWay only ever sees the immutable domain types, converted in
// CaseMapping. Enumerations are stored as their names (readable in any SQL client, portable).

/// <summary>Row of table <c>firms</c>.</summary>
internal sealed class FirmRecord : IVersioned
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public string Name { get; set; } = "";
    public string HomeCountry { get; set; } = "";
    public string? Sector { get; set; }
    public string? Size { get; set; }
    public int? FoundingYear { get; set; }
}

/// <summary>Row of table <c>firm_attributes</c>: one free key/value of a firm.</summary>
internal sealed class FirmAttributeRecord
{
    public string FirmId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>Row of table <c>operations</c>. A year-month is stored as year plus optional month.</summary>
internal sealed class OperationRecord : IVersioned
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public string FirmId { get; set; } = "";
    public string Direction { get; set; } = "";
    public string Mode { get; set; } = "";
    public string PartnerCountry { get; set; } = "";
    public string? Partner { get; set; }
    public int StartYear { get; set; }
    public int? StartMonth { get; set; }
    public int? EndYear { get; set; }
    public int? EndMonth { get; set; }
    public string? Channel { get; set; }
    public decimal? AnnualValue { get; set; }
    public string? Currency { get; set; }
    public double? ShareOfTotal { get; set; }
    public string? EndReason { get; set; }
    public string? EndReasonNote { get; set; }
}

/// <summary>Row of table <c>operation_evidence</c>; <see cref="Ordinal"/> keeps the sources in their given order.</summary>
internal sealed class EvidenceRecord
{
    public string OperationId { get; set; } = "";
    public int Ordinal { get; set; }
    public string Kind { get; set; } = "";
    public string? Reference { get; set; }
    public int? InterviewRound { get; set; }
    public string? Quotation { get; set; }
}
