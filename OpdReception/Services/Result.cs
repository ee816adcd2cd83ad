namespace OpdReception.Services;

public enum ProblemKind { Invalid, NotFound, Conflict, Unprocessable }

/// <summary>Why an operation changed nothing; the API turns it into ProblemDetails, the screens into a message.</summary>
public sealed record OpdProblem(
    ProblemKind Kind,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static OpdProblem NotFound(string what, object id) => new(ProblemKind.NotFound, $"{what} {id} does not exist.");

    public static OpdProblem Conflict(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(ProblemKind.Conflict, detail, Extensions: extensions);

    /// <summary>Well-formed but cannot be done as asked, e.g. an Idempotency-Key reused for another request.</summary>
    public static OpdProblem Unprocessable(string detail) => new(ProblemKind.Unprocessable, detail);

    public static OpdProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemKind.Invalid, string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static OpdProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

public readonly record struct Result<T>(T? Value, OpdProblem? Problem)
{
    public bool IsOk => Problem is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(OpdProblem problem) => new(default, problem);
}
