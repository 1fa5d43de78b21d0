using System.Globalization;
using TwoWay.Assessment;
using TwoWay.Domain;
using TwoWay.Interchange.Tables;
using TwoWay.Policy;

namespace TwoWay.Application.Assessment;

/// <summary>The profiles file of `assess batch --out`: one row per firm (profile, next step, programmes), CSV or XLSX by extension.</summary>
public static class ProfilesFile
{
    public static void Write(string path, Questionnaire q, BatchResult b)
    {
        var dims = q.Dimensions.ToList();
        var columns = new List<string> { "firm_id", "trader_state", "outward_stage", "inward_stage", "outward_score", "outward_band", "inward_score", "inward_band" };
        columns.AddRange(dims.Select(d => $"{d.Direction.Code()}_{d.Id}"));
        columns.AddRange(["top_barrier", "rule", "next_step", "instruments", "mechanism", "programmes"]);
        // Data, not display: shortest round-trip-friendly form, empty cell for unknown.
        static string? F(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture);
        var rows = b.Firms.Select(r =>
        {
            var p = r.Profile;
            var row = new List<string?>
            {
                p.Firm, Code(p.State), Code(p.Outward.Stage), Code(p.Inward.Stage),
                F(p.Outward.Score), p.Outward.Band is { } ob ? Code(ob) : null, F(p.Inward.Score), p.Inward.Band is { } ib ? Code(ib) : null,
            };
            row.AddRange(dims.Select(d => F(p.In(d.Direction).Dimensions.First(x => x.Dimension == d.Id).Score)));
            row.AddRange([p.TopBarrier is { } tb ? Code(tb) : null, r.Recommendation.Rule, r.Recommendation.NextStep,
                string.Join("; ", r.Recommendation.Instruments.Select(Code)), Code(r.Recommendation.Mechanism),
                string.Join("; ", r.Programmes.Select(m => m.Programme))]);
            return (IReadOnlyList<string?>)row;
        });
        TableWriter.Write(path, columns, rows, title: $"TwoWay self-assessment profiles ({q.Id} {q.Version})", sheet: "profiles");
    }

    private static string Code<T>(T value) where T : struct, Enum => Vocabulary<T>.Code(value);
}
