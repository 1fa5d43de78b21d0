using TwoWay.Domain;

namespace TwoWay.Qualitative;

/// <summary>What a coded quotation is evidence for: one operation, or one inward–outward connection.</summary>
public abstract record EvidenceTarget
{
    private EvidenceTarget() { }

    /// <summary>The quotation speaks of this operation.</summary>
    public sealed record OfOperation(OperationId Id) : EvidenceTarget
    {
        public override string ToString() => Id.Value;
    }

    /// <summary>The quotation speaks of the link from one operation to the later one in the other direction.</summary>
    public sealed record OfConnection(ConnectionId Id) : EvidenceTarget
    {
        public override string ToString() => Id.ToString();
    }

    public static EvidenceTarget Operation(OperationId id) => new OfOperation(id);

    public static EvidenceTarget Connection(ConnectionId id) => new OfConnection(id);

    /// <summary>"operation" or "connection", as stored and as shown in JSON.</summary>
    public string Kind => this is OfOperation ? "operation" : "connection";
}

/// <summary>Whether a quotation backs its target or speaks against it.</summary>
public enum EvidenceStance
{
    /// <summary>The quotation supports the operation or connection (the default).</summary>
    Supports,

    /// <summary>The quotation contradicts it (e.g. "the licence had nothing to do with our exports").</summary>
    Contradicts,
}

/// <summary>A coded quotation (a coding) linked as evidence to an operation or a connection, for or against it.</summary>
public sealed record EvidenceLink(Guid CodingId, EvidenceTarget Target, EvidenceStance Stance = EvidenceStance.Supports);
