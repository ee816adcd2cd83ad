using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace OpdReception.Api;

/// <summary>
/// Failures that happen outside the services still reach the caller as ProblemDetails that say what to do:
/// malformed JSON, an unknown member, an unknown enum word or a date that is not a date is a 400; a database
/// that stayed busy past its timeout is a 503 to retry, since the transaction was rolled back and nothing was written.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", "", await BadRequestWords.ExplainAsync(http, bad, ct)),
            SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => (StatusCodes.Status503ServiceUnavailable,
                "The database is busy.", "Nothing was written; please try again in a moment.", null),
            _ => (0, "", "", null),
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

        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = errors?.Detail ?? detail },
        };
        if (errors?.Fields is { Count: > 0 } fields)
        {
            context.ProblemDetails.Extensions["errors"] = fields;
        }

        http.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(context);
    }
}

/// <summary>What the caller did wrong, with the fields it concerns.</summary>
internal sealed record Explained(string Detail, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Explained For(string field, string message) => new(message, new Dictionary<string, string[]> { [field] = [message] });
}
