using TwoWay.Domain;

namespace TwoWay.Policy;

/// <summary>
/// The policy vocabulary in words a firm owner uses (issue 16: an adviser reading a result aloud
/// should not have to translate "two_way" or "outward:regular"). Codes stay in JSON and files.
/// </summary>
public static class PlainWords
{
    public static string Of(TraderState state) => state switch
    {
        TraderState.None => "neither imports nor exports",
        TraderState.ImportOnly => "imports but does not export",
        TraderState.ExportOnly => "exports but does not import",
        _ => "both imports and exports",
    };

    /// <summary>"new to exporting", "exports occasionally", "imports regularly".</summary>
    public static string Of(Direction direction, ExperienceStage stage) => (direction, stage) switch
    {
        (Direction.Outward, ExperienceStage.New) => "new to exporting",
        (Direction.Outward, ExperienceStage.Occasional) => "exports occasionally",
        (Direction.Outward, _) => "exports regularly",
        (_, ExperienceStage.New) => "new to importing",
        (_, ExperienceStage.Occasional) => "imports occasionally",
        _ => "imports regularly",
    };

    public static string Of(BarrierGroup group) => group switch
    {
        BarrierGroup.Informational => "lack of information (markets, partners, rules)",
        BarrierGroup.Functional => "limited resources (staff, time, money, capacity)",
        BarrierGroup.Marketing => "reaching customers (products, prices, distribution)",
        BarrierGroup.Procedural => "paperwork and procedures",
        BarrierGroup.Governmental => "little help or hindrance from the home government",
        BarrierGroup.Task => "customers' habits and language abroad",
        _ => "conditions abroad (rules, competition, politics)",
    };

    public static string Of(Mechanism mechanism) => mechanism switch
    {
        Mechanism.Informational => "information and advice",
        Mechanism.Experiential => "first-hand experience and contacts",
        Mechanism.Financial => "money (grants, loans, guarantees)",
        _ => "practical help with operations",
    };

    /// <summary>An instrument's code in words ("trade_fairs" → "trade fairs").</summary>
    public static string Of(Instrument instrument) => instrument switch
    {
        Instrument.Information => "market information",
        Instrument.Training => "training",
        Instrument.Advisory => "advice and coaching",
        Instrument.TradeFairs => "trade fairs",
        Instrument.Missions => "trade missions",
        Instrument.Matchmaking => "matchmaking with partners",
        Instrument.CreditGuarantees => "credit guarantees",
        Instrument.Insurance => "export credit insurance",
        Instrument.Grants => "grants",
        Instrument.Standards => "help with standards and certification",
        Instrument.TechnologyTransfer => "technology transfer",
        Instrument.FdiLinkages => "links with foreign investors (FDI)",
        Instrument.ECommerce => "e-commerce",
        _ => "trade facilitation (customs, documents)",
    };
}
