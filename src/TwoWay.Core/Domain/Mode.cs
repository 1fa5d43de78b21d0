namespace TwoWay.Domain;

/// <summary>
/// A mode of international operation. One list serves both directions: each inward mode is the
/// mirror image of an outward one (Welch &amp; Luostarinen 1993). Direction-specific names
/// ("import of goods", "licensing-in") come from <see cref="Modes.Name"/>.
/// </summary>
public enum Mode
{
    GoodsTrade,
    ServicesTrade,
    Licensing,
    Franchising,
    ManagementContract,
    TechnicalAgreement,
    Subcontracting,
    TurnkeyProject,
    Alliance,
    JointVenture,
    SalesSubsidiary,
    ProductionSubsidiary,
    Finance,
    Personnel,
}

/// <summary>Whether goods trade runs through the firm's own channel or through an intermediary.</summary>
public enum TradeChannel
{
    Direct,
    Indirect,
}

/// <summary>Facts about each <see cref="Mode"/>: its commitment tier and its names in each direction.</summary>
public static class Modes
{
    private sealed record Info(string Code, CommitmentTier Tier, string InwardCode, string OutwardCode, string InwardName, string OutwardName);

    // The tier of each mode follows PRODUCT.md: 1 trade, 2 contractual, 3 cooperative (non-equity
    // alliances), 4 equity/investment. Joint ventures are equity JVs, hence tier 4; finance is
    // capital (foreign capital in, capital placed abroad), hence tier 4; personnel flows are
    // employment/training agreements, hence contractual.
    private static readonly Dictionary<Mode, Info> Table = new()
    {
        [Mode.GoodsTrade] = new("goods_trade", CommitmentTier.Trade, "goods_import", "goods_export", "import of goods", "export of goods"),
        [Mode.ServicesTrade] = new("services_trade", CommitmentTier.Trade, "services_import", "services_export", "import of services", "export of services"),
        [Mode.Licensing] = new("licensing", CommitmentTier.Contractual, "licensing_in", "licensing_out", "licensing-in", "licensing-out"),
        [Mode.Franchising] = new("franchising", CommitmentTier.Contractual, "franchising_in", "franchising_out", "franchising-in", "franchising-out"),
        [Mode.ManagementContract] = new("management_contract", CommitmentTier.Contractual, "management_contract_in", "management_contract_out", "management contract (foreign manager at home)", "management contract (managing abroad)"),
        [Mode.TechnicalAgreement] = new("technical_agreement", CommitmentTier.Contractual, "technical_agreement_in", "technical_agreement_out", "technology acquired by agreement", "technology supplied by agreement"),
        [Mode.Subcontracting] = new("subcontracting", CommitmentTier.Contractual, "subcontracting_in", "subcontracting_out", "contract manufacturing for a foreign principal", "contract manufacturing abroad"),
        [Mode.TurnkeyProject] = new("turnkey_project", CommitmentTier.Contractual, "turnkey_in", "turnkey_out", "turnkey project bought from abroad", "turnkey project delivered abroad"),
        [Mode.Alliance] = new("alliance", CommitmentTier.Cooperative, "alliance_in", "alliance_out", "non-equity alliance / R&D cooperation with a foreign partner at home", "non-equity alliance / R&D cooperation abroad"),
        [Mode.JointVenture] = new("joint_venture", CommitmentTier.Equity, "joint_venture_in", "joint_venture_out", "joint venture at home with a foreign partner", "joint venture abroad"),
        [Mode.SalesSubsidiary] = new("sales_subsidiary", CommitmentTier.Equity, "foreign_owned_sales", "sales_subsidiary_abroad", "foreign-owned sales unit", "sales subsidiary abroad"),
        [Mode.ProductionSubsidiary] = new("production_subsidiary", CommitmentTier.Equity, "foreign_owned_production", "production_subsidiary_abroad", "foreign-owned production", "production subsidiary abroad"),
        [Mode.Finance] = new("finance", CommitmentTier.Equity, "foreign_capital_in", "capital_abroad", "foreign capital in the firm", "capital placed abroad"),
        [Mode.Personnel] = new("personnel", CommitmentTier.Contractual, "personnel_in", "personnel_out", "foreign staff or training received", "staff posted abroad"),
    };

    private static readonly Dictionary<string, (Mode Mode, Direction? Direction)> ByCode = BuildCodeIndex();

    private static Dictionary<string, (Mode, Direction?)> BuildCodeIndex()
    {
        var index = new Dictionary<string, (Mode, Direction?)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (mode, info) in Table)
        {
            index[info.Code] = (mode, null);
            index[info.InwardCode] = (mode, Direction.Inward);
            index[info.OutwardCode] = (mode, Direction.Outward);
        }
        return index;
    }

    public static IReadOnlyList<Mode> All { get; } = Enum.GetValues<Mode>();

    public static CommitmentTier Tier(this Mode mode) => Table[mode].Tier;

    /// <summary>Direction-neutral code used in files and JSON, e.g. "licensing".</summary>
    public static string Code(this Mode mode) => Table[mode].Code;

    /// <summary>Direction-specific code, e.g. "licensing_in".</summary>
    public static string Code(this Mode mode, Direction direction) =>
        direction == Direction.Inward ? Table[mode].InwardCode : Table[mode].OutwardCode;

    /// <summary>Human name in a direction, e.g. "import of goods".</summary>
    public static string Name(this Mode mode, Direction direction) =>
        direction == Direction.Inward ? Table[mode].InwardName : Table[mode].OutwardName;

    /// <summary>
    /// Reads a mode code. A neutral code ("goods_trade") fits any direction; a direction-specific
    /// one ("goods_export") names its direction, returned in <paramref name="impliedDirection"/>.
    /// </summary>
    public static bool TryParse(string? text, out Mode mode, out Direction? impliedDirection)
    {
        var key = text?.Trim().Replace('-', '_').Replace(' ', '_');
        if (key is not null && ByCode.TryGetValue(key, out var hit))
        {
            (mode, impliedDirection) = hit;
            return true;
        }
        mode = default;
        impliedDirection = null;
        return false;
    }

    /// <summary>All codes accepted by <see cref="TryParse"/>, for error messages and templates.</summary>
    public static IEnumerable<string> AcceptedCodes(Direction? direction = null) =>
        Table.Values.SelectMany(i => direction switch
        {
            null => new[] { i.Code, i.InwardCode, i.OutwardCode },
            Direction.Inward => new[] { i.Code, i.InwardCode },
            _ => new[] { i.Code, i.OutwardCode },
        });
}
