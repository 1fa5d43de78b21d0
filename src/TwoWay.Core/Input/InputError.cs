namespace TwoWay.Input;

/// <summary>
/// One problem found in user input: which file, which row or line (1-based, as a spreadsheet or
/// editor shows it), which field, and what was expected. Every importer in TwoWay reports bad
/// input with this one type, so the CLI, the web app and the tests show errors the same way.
/// </summary>
public sealed record InputError(string Source, int? Row, string? Field, string Message)
{
    /// <summary>"file.csv, row 7, column 'partner_country': 'XX' is not an ISO 3166-1 alpha-2 code".</summary>
    public override string ToString()
    {
        var where = Source;
        if (Row is { } r) where += $", row {r}";
        if (Field is { } f) where += $", column '{f}'";
        return $"{where}: {Message}";
    }
}

/// <summary>
/// Thrown when input cannot be accepted. Carries every problem found (importers collect them all
/// before throwing, so a user fixes a file in one pass). Nothing has been stored when it is thrown.
/// </summary>
public class InputException : Exception
{
    public InputException(IReadOnlyList<InputError> errors)
        : base(Describe(errors)) => Errors = errors;

    public InputException(InputError error) : this([error]) { }

    public InputException(string source, int? row, string? field, string message)
        : this(new InputError(source, row, field, message)) { }

    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>True when more problems were found than <see cref="Errors"/> lists (a collector stops at its limit).</summary>
    public bool MoreNotListed { get; init; }

    private static string Describe(IReadOnlyList<InputError> errors) =>
        errors.Count switch
        {
            0 => "Invalid input.",
            1 => errors[0].ToString(),
            _ => $"{errors.Count} problems; first: {errors[0]}",
        };
}

/// <summary>Collects input errors while reading, then throws them all at once.</summary>
public sealed class InputErrorCollector
{
    private readonly List<InputError> _errors = [];

    /// <summary>Stop collecting after this many; a file with thousands of bad rows needs only the first ones shown.</summary>
    public int Limit { get; init; } = 200;

    public bool HasErrors => _errors.Count > 0;
    public IReadOnlyList<InputError> Errors => _errors;

    /// <summary>True when problems beyond <see cref="Limit"/> were found and dropped.</summary>
    public bool Truncated { get; private set; }

    public void Add(string source, int? row, string? field, string message) => Add(new InputError(source, row, field, message));

    public void Add(InputError error)
    {
        if (_errors.Count < Limit) _errors.Add(error);
        else Truncated = true;
    }

    /// <summary>Throws an <see cref="InputException"/> with everything collected, if anything was.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new InputException(_errors.ToList()) { MoreNotListed = Truncated };
    }
}

/// <summary>
/// Thrown when an edit was made from a view of the study that another writer has changed since:
/// the edit is refused (nothing stored) rather than silently overwriting the other writer's work.
/// It is bad input in the sense that the user must reload and decide again.
/// </summary>
public sealed class EditConflictException : InputException
{
    public EditConflictException(string source, string field, string message) : base(source, null, field, message) { }
}
