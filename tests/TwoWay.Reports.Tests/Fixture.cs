using System.Collections.Immutable;
using TwoWay.Domain;
using TwoWay.Reports.Html;

namespace TwoWay.Reports.Tests;

/// <summary>A small hand-made study: one two-way firm with a connection, one domestic firm.</summary>
internal static class Fixture
{
    public static readonly FirmId A = new("XX-01");
    public static readonly FirmId B = new("XX-02");

    public static FirmCase TwoWayFirm()
    {
        var firm = new Firm(A, "Alpha <Valves> & Co", CountryCode.Parse("RS"), "C28", SizeClass.Small, 1995);
        Operation Op(string id, Direction d, Mode m, string country, int start, int? end = null, string? partner = null, string? quote = null) =>
            new(new OperationId(id), A, d, m, CountryCode.Parse(country), new YearMonth(start), end is null ? null : new YearMonth(end.Value),
                partner, evidence: quote is null ? default : [new Evidence(EvidenceKind.Interview, "director", 1, quote)]);
        return new FirmCase(firm, [
            Op("XX-01/1", Direction.Inward, Mode.GoodsTrade, "DE", 1996, null, "Kessler GmbH", "We imported first."),
            Op("XX-01/2", Direction.Inward, Mode.Licensing, "IT", 1999, 2010, "Valvola"),
            Op("XX-01/3", Direction.Outward, Mode.GoodsTrade, "DE", 2003, null, "Kessler GmbH", "Then Kessler bought from us."),
            Op("XX-01/4", Direction.Outward, Mode.SalesSubsidiary, "ME", 2012),
        ]);
    }

    public static FirmCase DomesticFirm() =>
        new(new Firm(B, "Beta Bakery", CountryCode.Parse("PL"), foundingYear: 2001), []);

    public static StudyReport Study()
    {
        var stages = new ReportTable("Stages", ["Direction", "Stage"], [["inward", "2"], ["outward", "2"]]);
        var degrees = new ReportTable("Degrees", ["Measure", "Inward", "Outward"], [["countries", "2", "2"]]);
        var a = new FirmReport(TwoWayFirm(), "inward-led", "First inward 1996, first outward 2003.", ["born global"], stages, degrees,
            [new ReportConnection(new OperationId("XX-01/1"), new OperationId("XX-01/3"), "same partner", 7, "same named partner")]);
        var b = new FirmReport(DomesticFirm(), "domestic", "No operations.", [], stages, degrees, []);
        var matrix = new ReportTable("Matrix", ["Firm", "Trajectory"], [["XX-01", "inward-led"], ["XX-02", "domestic"]]);
        return new StudyReport("Test study", 2024, [a, b], matrix, "1 of 2 cases show complementarity.",
            [new AnswerGroup("Complementarity", "Inward first, then outward, connected.", [A]),
             new AnswerGroup("No international path", "Domestic.", [B])],
            [new Charts.BarChart("Countries", "Number of partner countries per firm and direction.", "countries",
                [new("inward", Charts.Palette.Inward), new("outward", Charts.Palette.Outward)],
                [new("XX-01", [2, 2]), new("XX-02", [0, 0])])])
        { Notice = "Fictional." };
    }
}
