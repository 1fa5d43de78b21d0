using TwoWay.Domain;

namespace TwoWay.Reports.Html;

/// <summary>
/// Every firm and partner name the report prints passes through here, so confidentiality is one
/// switch: <see cref="AsIs"/> prints real names, <see cref="Pseudonymized"/> replaces them with
/// stable codes ("Firm A", "Partner 3") in order of first appearance.
/// </summary>
public abstract class Naming
{
    public abstract string Firm(Firm firm);
    public abstract string Partner(string partner);

    public static Naming AsIs() => new Plain();
    public static Naming Pseudonymized() => new Masked();

    private sealed class Plain : Naming
    {
        public override string Firm(Firm firm) => firm.Name;
        public override string Partner(string partner) => partner;
    }

    private sealed class Masked : Naming
    {
        private readonly Dictionary<FirmId, string> _firms = new();
        private readonly Dictionary<string, string> _partners = new(StringComparer.OrdinalIgnoreCase);

        public override string Firm(Firm firm)
        {
            if (!_firms.TryGetValue(firm.Id, out var name))
                _firms[firm.Id] = name = "Firm " + Letters(_firms.Count);
            return name;
        }

        public override string Partner(string partner)
        {
            if (!_partners.TryGetValue(partner, out var name))
                _partners[partner] = name = "Partner " + (_partners.Count + 1);
            return name;
        }

        // A, B, …, Z, AA, AB, …
        private static string Letters(int i) => i < 26 ? ((char)('A' + i)).ToString() : Letters(i / 26 - 1) + (char)('A' + i % 26);
    }
}
