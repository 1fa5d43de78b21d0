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
        }

        public override string Firm(Firm firm) =>
            _firms.TryGetValue(firm.Id, out var name) ? name : throw new ArgumentException($"Firm {firm.Id} was not registered for pseudonymization.", nameof(firm));

        public override string Partner(string partner) =>
            _partners.TryGetValue(partner, out var name) ? name : throw new ArgumentException("A partner was not registered for pseudonymization.", nameof(partner));

        public override string Text(string text)
        {
            foreach (var (real, code) in _replacements)
                text = text.Replace(real, code, StringComparison.OrdinalIgnoreCase);
            return text;
        }

        // A, B, …, Z, AA, AB, …
        private static string Letters(int i) => i < 26 ? ((char)('A' + i)).ToString() : Letters(i / 26 - 1) + (char)('A' + i % 26);
    }
}
