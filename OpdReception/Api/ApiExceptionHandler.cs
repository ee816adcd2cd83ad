using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace OpdReception.Api;

/// <summary>
/// Failures that happen outside the services still reach the caller as ProblemDetails that say what to do:
/// malformed JSON, an unknown enum word or a date that is not a date is a 400; a database that stayed busy
/// past its timeout is a 503 to retry, since the transaction was rolled back and nothing was written.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", Explain(bad)),
            SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => (StatusCodes.Status503ServiceUnavailable,
                "The database is busy.", "Nothing was written; please try again in a moment."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogWarning(exception, "Database busy past its timeout");
            http.Response.Headers.RetryAfter = "1";
        }

        http.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Says what was wrong in the caller's terms, not in .NET type names.</summary>
    private static string Explain(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { } path } json when json.Message.Contains("could not be converted", StringComparison.Ordinal) =>
            $"The value at {path} has the wrong type or format.",
        JsonException { Path: { } path } json => $"The value at {path} is not valid: {json.Message.Split(" Path: ")[0]}",
        JsonException => "The body is not valid JSON.",
        _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "This request needs a JSON body.",
        _ => bad.Message,
    };
}
