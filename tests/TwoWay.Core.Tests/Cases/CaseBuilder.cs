using TwoWay.Domain;

namespace TwoWay.Tests.Cases;

/// <summary>Builds small firm cases for hand-worked tests: <c>new CaseBuilder().In("goods_import", "DE", "2000")...Build()</c>.</summary>
internal sealed class CaseBuilder
{
    private readonly List<Operation> _ops = [];
    private readonly FirmId _firm;
    private readonly int? _founded;
    private readonly string _name;

    public CaseBuilder(string firmId = "F-1", int? founded = null, string name = "Test firm")
    {
        _firm = new FirmId(firmId);
        _founded = founded;
        _name = name;
    }

    public CaseBuilder In(Mode mode, string country, string start, string? end = null, string? partner = null,
        double? share = null, EndReasonKind? endReason = null, string? id = null) =>
        Add(Direction.Inward, mode, country, start, end, partner, share, endReason, id);

    public CaseBuilder Out(Mode mode, string country, string start, string? end = null, string? partner = null,
        double? share = null, EndReasonKind? endReason = null, string? id = null) =>
        Add(Direction.Outward, mode, country, start, end, partner, share, endReason, id);

    private CaseBuilder Add(Direction direction, Mode mode, string country, string start, string? end, string? partner,
        double? share, EndReasonKind? endReason, string? id)
    {
        _ops.Add(new Operation(new OperationId(id ?? $"op{_ops.Count + 1}"), _firm, direction, mode, CountryCode.Parse(country),
            YearMonth.Parse(start), end is null ? null : YearMonth.Parse(end), partner,
            volume: share is null ? null : new Volume(shareOfTotal: share),
            endReason: endReason is null ? null : new EndReason(endReason.Value)));
        return this;
    }

    public FirmCase Build() => new(new Firm(_firm, _name, CountryCode.Parse("RS"), foundingYear: _founded), _ops);
}
