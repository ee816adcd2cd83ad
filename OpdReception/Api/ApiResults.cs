using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>Turns a service's answer into HTTP: the value, or ProblemDetails with the right status.</summary>
internal static class ApiResults
{
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult>? onSuccess = null) =>
        result.IsOk ? onSuccess?.Invoke(result.Value!) ?? TypedResults.Ok(result.Value) : ToHttp(result.Problem!);

    public static IResult ToHttp(OpdProblem problem) => problem.Kind switch
    {
        ProblemKind.Invalid => TypedResults.ValidationProblem(
            problem.Errors ?? new Dictionary<string, string[]>(), problem.Detail, title: "The request is not valid.",
            extensions: problem.Extensions?.Where(e => e.Value is not null).ToDictionary()),
        ProblemKind.NotFound => TypedResults.Problem(problem.Detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.",
            extensions: problem.Extensions?.Where(e => e.Value is not null).ToDictionary()),
        ProblemKind.Unprocessable => TypedResults.Problem(problem.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The request cannot be processed."),
        _ => TypedResults.Problem(problem.Detail, statusCode: StatusCodes.Status409Conflict, title: "Refused.",
            extensions: problem.Extensions?.Where(e => e.Value is not null).ToDictionary()),
    };

    /// <summary>Who did it, for the token's history: the signed-in user, never a header the caller could write.</summary>
    public static Actor Actor(this HttpContext http) => http.User.Actor();

    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            if (code == StatusCodes.Status400BadRequest)
            {
                builder.ProducesValidationProblem();
            }
            else
            {
                builder.ProducesProblem(code);
            }
        }

        return builder;
    }
}
