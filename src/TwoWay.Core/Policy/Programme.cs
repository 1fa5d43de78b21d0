using System.Collections.Immutable;
using TwoWay.Domain;

namespace TwoWay.Policy;

/// <summary>
/// Which way a programme helps its beneficiary firm, seen from that firm (not from the agency's
/// country): an import-promotion desk abroad helps the partner country's firm sell, so for that
/// firm it is outward support.
/// </summary>
public enum SupportDirection
{
    Outward,
    Inward,
    Both,
}

/// <summary>Who runs or funds a programme.</summary>
public enum ProgrammeLevel
{
    National,
    Regional,
    Eu,
    Donor,
}

/// <summary>
/// What a programme gives the firm. The list follows the instrument families of OECD (2009, ch. 4)
/// and OECD &amp; APEC (2006), extended with the inward instruments (supplier search, technology
/// transfer, FDI linkages) that the holistic view adds.
/// </summary>
public enum Instrument
{
    Information,
    Training,
    Advisory,
    TradeFairs,
    Missions,
    Matchmaking,
    CreditGuarantees,
    Insurance,
    Grants,
    Standards,
    TechnologyTransfer,
    FdiLinkages,
    ECommerce,
    TradeFacilitation,
}

/// <summary>
/// How a programme works on the firm (Seringhaus &amp; Rosson 1990; Wilkinson &amp; Brouthers 2006):
/// informational (knowledge about markets), experiential (learning by doing: fairs, missions,
/// matchmaking), financial (money, credit, insurance), operational (doing part of the job:
/// logistics, certification, customs).
/// </summary>
public enum Mechanism
{
    Informational,
    Experiential,
    Financial,
    Operational,
}

/// <summary>
/// The barrier groups of Leonidou (2004) as used by OECD (2009, "Top Barriers and Drivers to SME
/// Internationalisation"): internal (informational, functional, marketing) and external
/// (procedural, governmental, task — customers and competitors —, environmental).
/// </summary>
public enum BarrierGroup
{
    Informational,
    Functional,
    Marketing,
    Procedural,
    Governmental,
    Task,
    Environmental,
}

public static class BarrierGroups
{
    public static bool IsInternal(this BarrierGroup group) =>
        group is BarrierGroup.Informational or BarrierGroup.Functional or BarrierGroup.Marketing;
}

/// <summary>A mode of operation in one direction, e.g. licensing-in.</summary>
public readonly record struct DirectedMode(Direction Direction, Mode Mode)
{
    public string Code => Mode.Code(Direction);

    /// <summary>Export of goods or services: the only modes an export-only programme supports.</summary>
    public bool IsExportTrade => Direction == Direction.Outward && Mode is Domain.Mode.GoodsTrade or Domain.Mode.ServicesTrade;

    public override string ToString() => Code;
}

/// <summary>A stage in one direction, e.g. outward:new (new to export).</summary>
public readonly record struct DirectedStage(Direction Direction, ExperienceStage Stage)
{
    public string Code => $"{Direction.Code()}:{Vocabulary<ExperienceStage>.Code(Stage)}";

    public override string ToString() => Code;
}

/// <summary>A known amount of money in one currency.</summary>
public readonly record struct Money(decimal Amount, CurrencyCode Currency);

/// <summary>
/// One support programme of a catalogue (fields documented in docs/policy.md). An empty target
/// set means "no restriction": a programme that names no target trader states is open to all.
/// </summary>
public sealed record Programme
{
    public Programme(string id, string name, string agency, ProgrammeLevel level, SupportDirection direction,
        IEnumerable<DirectedMode> modes, IEnumerable<Instrument> instruments, IEnumerable<Mechanism> mechanisms,
        IEnumerable<BarrierGroup>? barriers = null, IEnumerable<TraderState>? targetStates = null,
        IEnumerable<DirectedStage>? targetStages = null, IEnumerable<SizeClass>? eligibleSizes = null,
        IEnumerable<string>? eligibleSectors = null, Money? budget = null, int? beneficiaries = null,
        string? sourceUrl = null, DateOnly? dateChecked = null)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A programme needs an id.", nameof(id));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A programme needs a name.", nameof(name));
        if (string.IsNullOrWhiteSpace(agency)) throw new ArgumentException("A programme needs an agency.", nameof(agency));
        Modes = [.. modes];
        Instruments = [.. instruments];
        Mechanisms = [.. mechanisms];
        Barriers = [.. barriers ?? []];
        TargetStates = [.. targetStates ?? []];
        TargetStages = [.. targetStages ?? []];
        EligibleSizes = [.. eligibleSizes ?? []];
        EligibleSectors = [.. (eligibleSectors ?? []).Select(s => s.Trim().ToUpperInvariant())];
        if (Modes.IsEmpty) throw new ArgumentException("A programme supports at least one mode of operation.", nameof(modes));
        if (Instruments.IsEmpty) throw new ArgumentException("A programme uses at least one instrument.", nameof(instruments));
        if (Mechanisms.IsEmpty) throw new ArgumentException("A programme works through at least one mechanism.", nameof(mechanisms));
        // The modes say concretely what the direction says in general; they must agree.
        foreach (var m in Modes)
            if (direction != SupportDirection.Both && (m.Direction == Domain.Direction.Outward) != (direction == SupportDirection.Outward))
                throw new ArgumentException($"mode '{m.Code}' is {m.Direction.Code()} but the programme's direction is {Vocabulary<SupportDirection>.Code(direction)}.", nameof(modes));
        foreach (var s in TargetStages)
            if (direction != SupportDirection.Both && (s.Direction == Domain.Direction.Outward) != (direction == SupportDirection.Outward))
                throw new ArgumentException($"target stage '{s.Code}' is {s.Direction.Code()} but the programme's direction is {Vocabulary<SupportDirection>.Code(direction)}.", nameof(targetStages));
        foreach (var sector in EligibleSectors)
            if (!Firm.IsSectorCode(sector))
                throw new ArgumentException($"'{sector}' is not a NACE Rev.2 / ISIC Rev.4 code (e.g. C or C25).", nameof(eligibleSectors));
        if (budget is { Amount: < 0 }) throw new ArgumentException("A budget cannot be negative.", nameof(budget));
        if (beneficiaries is < 0) throw new ArgumentException("Beneficiaries cannot be negative.", nameof(beneficiaries));
        _stateMask = Bits.Of(TargetStates);
        _instrumentMask = Bits.Of(Instruments);
        _mechanismMask = Bits.Of(Mechanisms);
        _barrierMask = Bits.Of(Barriers);
        _outwardStageMask = Bits.Of(TargetStages.Where(x => x.Direction == Domain.Direction.Outward).Select(x => x.Stage));
        _inwardStageMask = Bits.Of(TargetStages.Where(x => x.Direction == Domain.Direction.Inward).Select(x => x.Stage));
        _sectors = [.. EligibleSectors];
        _hasOutwardMode = Modes.Any(m => m.Direction == Domain.Direction.Outward);
        Id = id.Trim();
        Name = name.Trim();
        Agency = agency.Trim();
        Level = level;
        Direction = direction;
        Budget = budget;
        Beneficiaries = beneficiaries;
        SourceUrl = string.IsNullOrWhiteSpace(sourceUrl) ? null : sourceUrl.Trim();
        DateChecked = dateChecked;
    }

    // Bit sets of the target and category sets: matching runs per firm over the whole catalogue
    // (100,000 firms × the catalogue in the benchmark), and hash-set enumeration was its main cost.
    private readonly int _stateMask, _instrumentMask, _mechanismMask, _barrierMask, _outwardStageMask, _inwardStageMask;
    private readonly bool _hasOutwardMode;
    private readonly string[] _sectors;
    private static readonly TraderState[] AllStates = Enum.GetValues<TraderState>();

    public string Id { get; }
    public string Name { get; }
    public string Agency { get; }
    public ProgrammeLevel Level { get; }
    public SupportDirection Direction { get; }
    public ImmutableHashSet<DirectedMode> Modes { get; }
    public ImmutableHashSet<Instrument> Instruments { get; }
    public ImmutableHashSet<Mechanism> Mechanisms { get; }
    public ImmutableHashSet<BarrierGroup> Barriers { get; }
    public ImmutableHashSet<TraderState> TargetStates { get; }
    public ImmutableHashSet<DirectedStage> TargetStages { get; }
    public ImmutableHashSet<SizeClass> EligibleSizes { get; }
    /// <summary>NACE/ISIC prefixes; a firm in C25.1 is eligible under "C" or "C25".</summary>
    public ImmutableHashSet<string> EligibleSectors { get; }
    public Money? Budget { get; }
    public int? Beneficiaries { get; }
    public string? SourceUrl { get; }
    public DateOnly? DateChecked { get; }

    /// <summary>
    /// Export-only (OECD &amp; APEC 2006's "focus exclusively on exports"): the programme supports
    /// outward operations only, and among them only the export of goods or services.
    /// </summary>
    public bool IsExportOnly => Direction == SupportDirection.Outward && Modes.All(m => m.IsExportTrade);

    /// <summary>Whether the programme helps with <paramref name="direction"/>.</summary>
    public bool Supports(Direction direction) =>
        Direction == SupportDirection.Both || (Direction == SupportDirection.Outward) == (direction == Domain.Direction.Outward);

    public bool IsOpenTo(TraderState state) => _stateMask == 0 || (_stateMask & Bits.Of(state)) != 0;

    /// <summary>
    /// Open to a firm at <paramref name="stage"/>: the programme supports that direction, names no
    /// stage of it or names this one, and is open to a trader state a firm at that stage can be in
    /// (a regular trader in a direction is active in it now; a new one — never operated in it by the
    /// self-assessment, first trade within the window in a panel or study — and an occasional one may or may not be).
    /// </summary>
    public bool IsOpenTo(DirectedStage stage)
    {
        if (!Supports(stage.Direction)) return false;
        var stages = stage.Direction == Domain.Direction.Outward ? _outwardStageMask : _inwardStageMask;
        if (stages != 0 && (stages & Bits.Of(stage.Stage)) == 0) return false;
        if (_stateMask == 0) return true;
        if (stage.Stage != ExperienceStage.Regular) return true;
        foreach (var s in AllStates)
            if ((_stateMask & Bits.Of(s)) != 0 && s.Active(stage.Direction)) return true;
        return false;
    }

    /// <summary>
    /// Open to the firms of <paramref name="group"/>: open to their trader state, and in at least
    /// one direction the programme supports, naming no stage of that direction or the group's stage
    /// there (an unknown stage does not exclude).
    /// </summary>
    public bool IsOpenTo(PopulationGroup group)
    {
        if (!IsOpenTo(group.State)) return false;
        foreach (var d in Directions)
        {
            if (!Supports(d)) continue;
            var stages = d == Domain.Direction.Outward ? _outwardStageMask : _inwardStageMask;
            if (stages == 0 || group.StageIn(d) is not { } stage || (stages & Bits.Of(stage)) != 0) return true;
        }
        return false;
    }

    private static readonly Direction[] Directions = [Domain.Direction.Outward, Domain.Direction.Inward];

    public bool Offers(Instrument instrument) => (_instrumentMask & Bits.Of(instrument)) != 0;

    public bool WorksThrough(Mechanism mechanism) => (_mechanismMask & Bits.Of(mechanism)) != 0;

    public bool Addresses(BarrierGroup barrier) => (_barrierMask & Bits.Of(barrier)) != 0;

    public bool IsOpenToSize(SizeClass? size) => EligibleSizes.IsEmpty || size is null || EligibleSizes.Contains(size.Value);

    public bool IsOpenToSector(string? sector)
    {
        if (_sectors.Length == 0 || sector is null) return true;
        var code = sector.Trim().ToUpperInvariant();
        foreach (var prefix in _sectors)
            if (code.StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// A bridge from importing to exporting: open to import-only firms and supporting a first
    /// outward mode (an outward mode, at the outward stage "new" or with no outward stage restriction).
    /// </summary>
    public bool IsBridging =>
        IsOpenTo(TraderState.ImportOnly) && _hasOutwardMode
        && IsOpenTo(new DirectedStage(Domain.Direction.Outward, ExperienceStage.New));
}

/// <summary>A programme catalogue: programmes with unique ids, in file order.</summary>
public sealed record Catalogue
{
    public Catalogue(IEnumerable<Programme> programmes)
    {
        Programmes = [.. programmes];
        var dup = Programmes.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"programme id '{dup.Key}' appears more than once.", nameof(programmes));
        var currencies = Programmes.Where(p => p.Budget is not null).Select(p => p.Budget!.Value.Currency).Distinct().ToList();
        if (currencies.Count > 1)
            throw new ArgumentException($"budgets are in several currencies ({string.Join(", ", currencies)}); use one so they can be added up.", nameof(programmes));
        BudgetCurrency = currencies.Count == 1 ? currencies[0] : null;
    }

    public ImmutableArray<Programme> Programmes { get; }

    /// <summary>The one currency of all known budgets, or null when no budget is known.</summary>
    public CurrencyCode? BudgetCurrency { get; }
}

/// <summary>Small enums (fewer than 32 members) as bit sets.</summary>
internal static class Bits
{
    public static int Of<T>(T value) where T : struct, Enum => 1 << System.Runtime.CompilerServices.Unsafe.As<T, int>(ref value);

    public static int Of<T>(IEnumerable<T> values) where T : struct, Enum
    {
        var mask = 0;
        foreach (var v in values) mask |= Of(v);
        return mask;
    }
}
