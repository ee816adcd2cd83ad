namespace OpdReception.Security;

public static class OpdPaths
{
    /// <summary>Answers for programs: errors are ProblemDetails and a missing sign-in is a 401, never a redirect or a page.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/account") || path.StartsWithSegments("/openapi");
}
