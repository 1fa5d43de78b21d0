namespace TwoWay.Domain;

/// <summary>
/// The researcher's own identifier for a firm (case), e.g. "RS-01". Letters, digits, '-', '_' and
/// '.', 1–64 characters, so it is safe in file names, URLs and spreadsheet cells.
/// </summary>
public readonly record struct FirmId : IComparable<FirmId>
{
    private readonly string? _value;

    public FirmId(string value)
    {
        if (!IsValid(value))
            throw new ArgumentException($"'{value}' is not a valid firm id: use 1–64 letters, digits, '-', '_' or '.'.", nameof(value));
        _value = value;
    }

    public string Value => _value ?? throw new InvalidOperationException("Default FirmId has no value.");

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public int CompareTo(FirmId other) => string.CompareOrdinal(_value, other._value);

    public override string ToString() => _value ?? "";
}

/// <summary>Identifier of an operation within a study, e.g. "RS-01/op-3"; unique per study.</summary>
public readonly record struct OperationId : IComparable<OperationId>
{
    private readonly string? _value;

    public OperationId(string value)
    {
        if (!IsValid(value))
            throw new ArgumentException("An operation id must be 1–128 non-blank characters.", nameof(value));
        _value = value.Trim();
    }

    public string Value => _value ?? throw new InvalidOperationException("Default OperationId has no value.");

    /// <summary>An operation id is 1–128 characters, not all blank.</summary>
    public static bool IsValid(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= 128;

    public int CompareTo(OperationId other) => string.CompareOrdinal(_value, other._value);

    public override string ToString() => _value ?? "";
}
