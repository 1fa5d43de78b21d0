using System.Collections.Immutable;

namespace TwoWay.Domain;

/// <summary>
/// One international operation of a firm: a direction, a mode, a partner country, a time span and
/// what is known of its size and sources. The constructor refuses impossible combinations
/// (an end before the start, a channel on a mode that is not goods trade, an end reason without an
/// end), so every Operation that exists is coherent.
/// </summary>
public sealed record Operation
{
    public Operation(OperationId id, FirmId firm, Direction direction, Mode mode, CountryCode partnerCountry,
        YearMonth start, YearMonth? end = null, string? partner = null, TradeChannel? channel = null,
        Volume? volume = null, EndReason? endReason = null, ImmutableArray<Evidence> evidence = default)
    {
        if (partnerCountry == default) throw new ArgumentException("An operation needs a partner country.", nameof(partnerCountry));
        if (end is { } e && e < start)
            throw new ArgumentException($"The end {e} is before the start {start}.", nameof(end));
        if (channel is not null && mode != Mode.GoodsTrade)
            throw new ArgumentException($"A trade channel applies only to goods trade, not to {mode.Name(direction)}.", nameof(channel));
        if (endReason is not null && end is null)
            throw new ArgumentException("An end reason needs an end.", nameof(endReason));
        Id = id;
        Firm = firm;
        Direction = direction;
        Mode = mode;
        PartnerCountry = partnerCountry;
        Start = start;
        End = end;
        Partner = string.IsNullOrWhiteSpace(partner) ? null : partner.Trim();
        Channel = channel;
        Volume = volume;
        EndReason = endReason;
        Evidence = evidence.IsDefault ? ImmutableArray<Evidence>.Empty : evidence;
    }

    public OperationId Id { get; }
    public FirmId Firm { get; }
    public Direction Direction { get; private init; }
    public Mode Mode { get; }
    public CountryCode PartnerCountry { get; }

    /// <summary>Named foreign partner (supplier, customer, licensor, investor…), when known.</summary>
    public string? Partner { get; }

    public YearMonth Start { get; }

    /// <summary>Last period of the operation; null while it is ongoing.</summary>
    public YearMonth? End { get; }

    public TradeChannel? Channel { get; }
    public Volume? Volume { get; }
    public EndReason? EndReason { get; }
    public ImmutableArray<Evidence> Evidence { get; }

    public CommitmentTier Tier => Mode.Tier();

    /// <summary>True when the operation ran at some time during <paramref name="year"/>.</summary>
    public bool IsActiveIn(int year) => Start.Year <= year && (End is null || End.Value.Year >= year);

    /// <summary>The same operation seen in the other direction (for symmetry checks and what-if views).</summary>
    public Operation Mirrored() => this with { Direction = Direction.Mirror() };

    public bool Equals(Operation? other) =>
        other is not null && Id == other.Id && Firm == other.Firm && Direction == other.Direction && Mode == other.Mode &&
        PartnerCountry == other.PartnerCountry && Partner == other.Partner && Start == other.Start && End == other.End &&
        Channel == other.Channel && Equals(Volume, other.Volume) && Equals(EndReason, other.EndReason) &&
        Evidence.SequenceEqual(other.Evidence);

    public override int GetHashCode() => HashCode.Combine(Id, Firm, Direction, Mode, PartnerCountry, Start, End);
}
