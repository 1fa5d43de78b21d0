using System.Collections.Immutable;
using TwoWay.Domain;

namespace TwoWay.Storage.Cases;

/// <summary>Converts between the immutable domain types and their table rows, both ways, without loss.</summary>
internal static class CaseMapping
{
    public static FirmRecord ToRecord(Firm f) => new()
    {
        Id = f.Id.Value,
        Name = f.Name,
        HomeCountry = f.HomeCountry.Value,
        Sector = f.Sector,
        Size = f.Size?.ToString(),
        FoundingYear = f.FoundingYear,
    };

    public static IEnumerable<FirmAttributeRecord> AttributeRecords(Firm f) =>
        f.Attributes.Select(kv => new FirmAttributeRecord { FirmId = f.Id.Value, Key = kv.Key, Value = kv.Value });

    public static void CopyInto(FirmRecord target, Firm f)
    {
        var r = ToRecord(f);
        target.Name = r.Name;
        target.HomeCountry = r.HomeCountry;
        target.Sector = r.Sector;
        target.Size = r.Size;
        target.FoundingYear = r.FoundingYear;
    }

    public static Firm ToDomain(FirmRecord r, IEnumerable<FirmAttributeRecord> attributes) =>
        new(new FirmId(r.Id), r.Name, CountryCode.Parse(r.HomeCountry), r.Sector,
            r.Size is null ? null : Enum.Parse<SizeClass>(r.Size), r.FoundingYear,
            attributes.ToImmutableSortedDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));

    public static OperationRecord ToRecord(Operation o) => new()
    {
        Id = o.Id.Value,
        FirmId = o.Firm.Value,
        Direction = o.Direction.ToString(),
        Mode = o.Mode.ToString(),
        PartnerCountry = o.PartnerCountry.Value,
        Partner = o.Partner,
        StartYear = o.Start.Year,
        StartMonth = o.Start.Month,
        EndYear = o.End?.Year,
        EndMonth = o.End?.Month,
        Channel = o.Channel?.ToString(),
        AnnualValue = o.Volume?.AnnualValue,
        Currency = o.Volume?.Currency?.Value,
        ShareOfTotal = o.Volume?.ShareOfTotal,
        EndReason = o.EndReason?.Kind.ToString(),
        EndReasonNote = o.EndReason?.Note,
    };

    public static IEnumerable<EvidenceRecord> EvidenceRecords(Operation o) =>
        o.Evidence.Select((e, i) => new EvidenceRecord
        {
            OperationId = o.Id.Value,
            Ordinal = i,
            Kind = e.Kind.ToString(),
            Reference = e.Reference,
            InterviewRound = e.InterviewRound,
            Quotation = e.Quotation,
        });

    public static Operation ToDomain(OperationRecord r, IEnumerable<EvidenceRecord> evidence) =>
        new(new OperationId(r.Id), new FirmId(r.FirmId), Enum.Parse<Direction>(r.Direction), Enum.Parse<Mode>(r.Mode),
            CountryCode.Parse(r.PartnerCountry), new YearMonth(r.StartYear, r.StartMonth),
            r.EndYear is { } ey ? new YearMonth(ey, r.EndMonth) : null,
            r.Partner,
            r.Channel is null ? null : Enum.Parse<TradeChannel>(r.Channel),
            r.AnnualValue is null && r.ShareOfTotal is null
                ? null
                : new Volume(r.AnnualValue, r.Currency is null ? null : CurrencyCode.Parse(r.Currency), r.ShareOfTotal),
            r.EndReason is null ? null : new EndReason(Enum.Parse<EndReasonKind>(r.EndReason), r.EndReasonNote),
            evidence.OrderBy(e => e.Ordinal)
                .Select(e => new Evidence(Enum.Parse<EvidenceKind>(e.Kind), e.Reference, e.InterviewRound, e.Quotation))
                .ToImmutableArray());
}
