using System.Collections.Immutable;

namespace TwoWay.Domain;

/// <summary>A firm with all its international operations: the unit every case analysis takes.</summary>
public sealed record FirmCase
{
    public FirmCase(Firm firm, IEnumerable<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(firm);
        var ops = operations.OrderBy(o => o.Start).ThenBy(o => o.Id).ToImmutableArray();
        var stranger = ops.FirstOrDefault(o => o.Firm != firm.Id);
        if (stranger is not null)
            throw new ArgumentException($"Operation {stranger.Id} belongs to firm {stranger.Firm}, not {firm.Id}.", nameof(operations));
        var dup = ops.GroupBy(o => o.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ArgumentException($"Operation id {dup.Key} appears twice.", nameof(operations));
        Firm = firm;
        Operations = ops;
    }

    public Firm Firm { get; }

    /// <summary>Operations ordered by start, then id.</summary>
    public ImmutableArray<Operation> Operations { get; }

    public IEnumerable<Operation> In(Direction direction) => Operations.Where(o => o.Direction == direction);

    /// <summary>The case with every operation's direction swapped: the basis of the symmetry properties.</summary>
    public FirmCase Mirrored() => new(Firm, Operations.Select(o => o.Mirrored()));

    public bool Equals(FirmCase? other) => other is not null && Firm.Equals(other.Firm) && Operations.SequenceEqual(other.Operations);

    public override int GetHashCode() => HashCode.Combine(Firm, Operations.Length);
}
