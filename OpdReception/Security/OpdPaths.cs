namespace OpdReception.Security;

public static class OpdPaths
{
    /// <summary>Answers for programs: errors are ProblemDetails and a missing sign-in is a 401, never a redirect or a page.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || (path.StartsWithSegments("/account") && !IsAccountPage(path)) || path.StartsWithSegments("/openapi")
        || IsPatientPageResource(path);

    /// <summary>The patient page's state, stream and forms (/t/{code}/…): answers for its script, bounded as the API's are.</summary>
    private static bool IsPatientPageResource(PathString path) => path.StartsWithSegments("/t") && !AnonymousScreenGate.IsPatientPage(path);

    /// <summary>The person's own account pages live beside the sign-in endpoints under /account, yet are pages.</summary>
    private static bool IsAccountPage(PathString path) =>
        path.Equals(AccountDuties.ChangePasswordPage, StringComparison.OrdinalIgnoreCase) || path.Equals(AccountDuties.EnrolPage, StringComparison.OrdinalIgnoreCase);
}
