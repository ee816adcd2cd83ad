using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using OpdReception.Domain;

namespace OpdReception.Security;

/// <summary>The shipped list (common-passwords.txt, embedded in the app), read once.</summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> Listed = new(Load);

    /// <summary>The list, plus the demo password outside Development: README.md publishes it.</summary>
    public static IReadOnlySet<string> RefusedIn(IHostEnvironment environment) =>
        environment.IsDevelopment() ? Listed.Value : WithDemo.Value;

    private static readonly Lazy<FrozenSet<string>> WithDemo =
        new(() => Listed.Value.Append(DemoAccount.DemoPassword.ToLowerInvariant()).ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    public static int Count => Listed.Value.Count;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("OpdReception.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary><see cref="PasswordRules"/> as Identity's validator, so every way of setting a password goes through it.</summary>
public sealed class OpdPasswordValidator(IHostEnvironment environment) : IPasswordValidator<OpdUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<OpdUser> manager, OpdUser user, string? password)
    {
        var verdict = PasswordRules.Check(password ?? "", CommonPasswords.RefusedIn(environment));
        return Task.FromResult(verdict is PasswordVerdict.Accepted
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = verdict.GetType().Name, Description = PasswordRules.Words(verdict) }));
    }
}
