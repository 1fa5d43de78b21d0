using System.Globalization;
using TwoWay.Domain;

namespace TwoWay.Cases;

/// <summary>A question template: its kind (what in the case model triggers it), the question, and why it is asked; {placeholders} are filled per case.</summary>
public sealed record GuideTemplate(string Kind, string Question, string Why);

/// <summary>One question of a round-2 guide: what to ask, why, and the operation or connection behind it.</summary>
/// <param name="Kind">The template kind (e.g. unsupported_operation).</param>
/// <param name="Question">The question in plain language.</param>
/// <param name="Why">Why it is asked.</param>
/// <param name="About">The operation id, or FROM&gt;TO for a connection.</param>
public sealed record GuideQuestion(string Kind, string Question, string Why, string About);

/// <summary>The questions for one firm.</summary>
public sealed record FirmGuide(string FirmId, string FirmName, IReadOnlyList<GuideQuestion> Questions);

/// <summary>
/// The round-2 interview guide (issue 13): per case, questions generated from what the case model
/// does not yet know or what its sources disagree on. Which questions exist is data
/// (<see cref="GuideTemplate"/>s, samples/guide/question-templates.csv); this decides only when each applies.
/// </summary>
public static class InterviewGuide
{
    /// <summary>Every template kind, in the order questions are asked within a case.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "contested_connection", "interview_connection_unconfirmed", "rule_connection_unmentioned", "unsupported_operation",
        "stage_jump", "missing_month", "missing_end", "missing_partner", "missing_volume",
    ];

    /// <param name="firmCase">The case.</param>
    /// <param name="profile">Its analysis.</param>
    /// <param name="claims">Its connections as claims (rules and interviews).</param>
    /// <param name="quotedOperations">Operations a coded quotation is linked to (interview evidence).</param>
    /// <param name="templates">One template per kind; a kind without a template asks nothing.</param>
    public static FirmGuide For(FirmCase firmCase, CaseProfile profile, IReadOnlyList<ConnectionClaim> claims,
        IReadOnlySet<string> quotedOperations, IReadOnlyDictionary<string, GuideTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(firmCase);
        var ops = firmCase.Operations.ToDictionary(o => o.Id.Value, StringComparer.Ordinal);
        var questions = new List<(int Order, GuideQuestion Q)>();
        void Ask(string kind, string about, IReadOnlyDictionary<string, string> values)
        {
            if (!templates.TryGetValue(kind, out var t)) return;
            questions.Add((Kinds.ToList().IndexOf(kind), new GuideQuestion(kind, Fill(t.Question, values), Fill(t.Why, values), about)));
        }

        foreach (var c in claims.Where(c => ops.ContainsKey(c.From) && ops.ContainsKey(c.To)))
        {
            var v = new Dictionary<string, string>
            {
                ["from"] = c.From, ["to"] = c.To, ["from_what"] = What(ops[c.From]), ["to_what"] = What(ops[c.To]),
                ["rules"] = string.Join(", ", c.Rules.Select(r => r.ToString().ToLowerInvariant())),
                ["for"] = c.Supporting.Count.ToString(CultureInfo.InvariantCulture), ["against"] = c.Contradicting.Count.ToString(CultureInfo.InvariantCulture),
            };
            var about = c.From + ConnectionId.Separator + c.To;
            switch (c.Status)
            {
                case ClaimStatus.Contested or ClaimStatus.Refuted: Ask("contested_connection", about, v); break;
                case ClaimStatus.InterviewOnly: Ask("interview_connection_unconfirmed", about, v); break;
                case ClaimStatus.RulesOnly: Ask("rule_connection_unmentioned", about, v); break;
            }
        }

        foreach (var o in firmCase.Operations)
        {
            var v = Values(o);
            var id = o.Id.Value;
            if (o.Evidence.IsDefaultOrEmpty && !quotedOperations.Contains(id)) Ask("unsupported_operation", id, v);
            if (!o.Start.HasMonth) Ask("missing_month", id, v);
            if (o.End is null) Ask("missing_end", id, v);
            if (string.IsNullOrWhiteSpace(o.Partner)) Ask("missing_partner", id, v);
            if (o.Volume is null) Ask("missing_volume", id, v);
        }

        foreach (var stage in new[] { profile.InwardStage, profile.OutwardStage })
            foreach (var change in stage.History.Where(h => (int)h.To - (int)h.From >= 2))
                Ask("stage_jump", change.Cause.Id, new Dictionary<string, string>
                {
                    ["year"] = change.Year.ToString(CultureInfo.InvariantCulture), ["operation"] = change.Cause.Id,
                    ["stage_from"] = StageRules.Label(change.From, stage.Direction), ["stage_to"] = change.ToLabel,
                    ["direction"] = stage.Direction == Direction.Inward ? "inward" : "outward",
                });

        return new FirmGuide(firmCase.Firm.Id.Value, firmCase.Firm.Name,
            questions.OrderBy(q => q.Order).Select(q => q.Q).ToList());
    }

    /// <summary>"importing goods from Germany (Maschinenbau Süd)": an operation as an interviewee would name it.</summary>
    public static string What(Operation o)
    {
        var country = o.PartnerCountry.Name;
        var partner = string.IsNullOrWhiteSpace(o.Partner) ? "" : $" ({o.Partner})";
        var preposition = o.Direction == Direction.Inward ? "from" : o.Mode.Tier() == CommitmentTier.Trade ? "to" : "in";
        return $"{o.Mode.Name(o.Direction).ToLowerInvariant()} {preposition} {country}{partner}";
    }

    private static Dictionary<string, string> Values(Operation o) => new()
    {
        ["operation"] = o.Id.Value, ["what"] = What(o), ["start"] = o.Start.ToString(), ["year"] = o.Start.Year.ToString(CultureInfo.InvariantCulture),
        ["partner"] = o.Partner ?? "", ["country"] = o.PartnerCountry.Value,
    };

    /// <summary>Fills {name} placeholders; an unknown name stays as written, so a typo in a template shows.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([a-z_]+)\}", m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
}
