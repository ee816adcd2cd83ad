using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace OpdReception.Api;

/// <summary>
/// Malformed JSON, an unknown enum word or a date that is not a date fail before a handler runs;
/// the caller still gets a 400 ProblemDetails that says what was wrong.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        http.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request is not valid.", Detail = detail },
        });
    }
}
