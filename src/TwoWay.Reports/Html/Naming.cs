using TwoWay.Domain;

namespace TwoWay.Reports.Html;

/// <summary>
/// Every firm and partner name the report prints passes through here, so confidentiality is one
/// switch: <see cref="AsIs"/> prints real names, <see cref="Pseudonymized"/> replaces them with
/// stable codes ("Firm A", "Partner 3"), also inside generated sentences (<see cref="Text"/>).
/// Interview quotations are printed as stored: redacting them is the researcher's call.
/// </summary>
public abstract class Naming
{
    public abstract string Firm(Firm firm);
    public abstract string Partner(string partner);

    /// <summary>Generated text (reasons, explanations) with every known name replaced.</summary>
    public abstract string Text(string text);

    public static Naming AsIs() => new Plain();

    /// <summary>
    /// The cases as this naming shows them: firm and partner names replaced, and every known name
    /// replaced inside the evidence references and quotations too (a table leaves the study whole,
    /// so nothing in it may name a firm). Ids, countries, dates and figures are kept.
    /// </summary>
    public IReadOnlyList<FirmCase> Apply(IReadOnlyList<FirmCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Select(c =>
        {
            var f = c.Firm;
            var firm = new Firm(f.Id, Firm(f), f.HomeCountry, f.Sector, f.Size, f.FoundingYear, f.Attributes);
            var operations = c.Operations.Select(o => new Operation(o.Id, o.Firm, o.Direction, o.Mode, o.PartnerCountry, o.Start, o.End,
                o.Partner is { } p ? Partner(p) : null, o.Channel, o.Volume, o.EndReason,
                [.. o.Evidence.Select(e => new Evidence(e.Kind, e.Reference is { } r ? Text(r) : null, e.InterviewRound, e.Quotation is { } q ? Text(q) : null))]));
            return new FirmCase(firm, operations);
        }).ToList();
    }

    /// <summary>Codes assigned in order of firm id, and of first appearance of each partner within them.</summary>
    public static Naming Pseudonymized(IEnumerable<FirmCase> cases) => new Masked(cases);

    private sealed class Plain : Naming
    {
        public override string Firm(Firm firm) => firm.Name;
        public override string Partner(string partner) => partner;
        public override string Text(string text) => text;
    }

    private sealed class Masked : Naming
    {
        private readonly Dictionary<FirmId, string> _firms = new();
        private readonly Dictionary<string, string> _partners = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Real, string Code)> _replacements = [];

        public Masked(IEnumerable<FirmCase> cases)
        {
            foreach (var c in cases.OrderBy(c => c.Firm.Id))
            {
                _firms[c.Firm.Id] = "Firm " + Letters(_firms.Count);
                _replacements.Add((c.Firm.Name, _firms[c.Firm.Id]));
                foreach (var p in c.Operations.Select(o => o.Partner).OfType<string>())
                    if (!_partners.ContainsKey(p))
                    {
                        _partners[p] = "Partner " + (_partners.Count + 1);
                        _replacements.Add((p, _partners[p]));
                    }
            }
            // Longest first, so "Kessler GmbH Serbia" is not half-replaced by "Kessler GmbH".
            _replacements.Sort((a, b) => b.Real.Length.CompareTo(a.Real.Length));
            // People say "Kessler" for "Kessler Armaturen GmbH": each name's first word (capitalised, four
            // letters or more, shared by no other name) is masked too, as a whole word, after the full names.
            var firstWords = _replacements.Select(r => (Word: r.Real.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], r.Code))
                .Where(w => w.Word.Length >= 4 && char.IsUpper(w.Word[0]) && w.Word.All(char.IsLetter))
                .GroupBy(w => w.Word, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(x => x.Code).Distinct().Count() == 1)
                .Select(g => g.First()).ToList();
            _shortNames = firstWords.Select(w => (new System.Text.RegularExpressions.Regex(@"(?<![\p{L}\p{N}])" + System.Text.RegularExpressions.Regex.Escape(w.Word) + @"(?![\p{L}\p{N}])",
                System.Text.RegularExpressions.RegexOptions.CultureInvariant), w.Code)).ToList();
        }

        private readonly List<(System.Text.RegularExpressions.Regex Word, string Code)> _shortNames;

        public override string Firm(Firm firm) =>
            _firms.TryGetValue(firm.Id, out var name) ? name : throw new ArgumentException($"Firm {firm.Id} was not registered for pseudonymization.", nameof(firm));

        public override string Partner(string partner) =>
            _partners.TryGetValue(partner, out var name) ? name : throw new ArgumentException("A partner was not registered for pseudonymization.", nameof(partner));

        public override string Text(string text)
        {
            foreach (var (real, code) in _replacements)
                text = text.Replace(real, code, StringComparison.OrdinalIgnoreCase);
            foreach (var (word, code) in _shortNames)
                text = word.Replace(text, code);
            return text;
        }

        // A, B, …, Z, AA, AB, …
        private static string Letters(int i) => i < 26 ? ((char)('A' + i)).ToString() : Letters(i / 26 - 1) + (char)('A' + i % 26);
    }
}
