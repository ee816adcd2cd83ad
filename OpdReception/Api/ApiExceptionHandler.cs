using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OpdReception.Api;

/// <summary>
/// Failures that happen outside the services still reach the caller as ProblemDetails that say what to do:
/// malformed JSON, an unknown member, an unknown enum word or a date that is not a date is a 400; a database
/// that stayed busy past its timeout, or cannot be used at all, is a 503, since the transaction was rolled back and nothing was written.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>I/O error, corrupt file, disk full, cannot open, not a database: no retry helps until an operator acts.</summary>
    private static readonly int[] SqliteUnusable = [10, 11, 13, 14, 26];

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", "", await BadRequestWords.ExplainAsync(http, bad, ct)),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Changed by someone else.",
                "Someone else changed this at the same moment; nothing was written. Read it again and retry.", null),
            SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => (StatusCodes.Status503ServiceUnavailable,
                "The database is busy.", "Nothing was written; please try again in a moment.", null),
            SqliteException unusable when SqliteUnusable.Contains(unusable.SqliteErrorCode) => (StatusCodes.Status503ServiceUnavailable,
                "The database cannot be used.", "Nothing was written. The operator has been told; please try again later.", null),
            _ => (0, "", "", null),
        };
        if (status == 0)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            log.LogError(exception, "Database unavailable: {Title}", title);
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
