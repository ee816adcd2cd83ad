using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OpdReception.Domain;

namespace OpdReception.Security;

public abstract record SignInOutcome;

public sealed record SignedInUser(OpdUser User) : SignInOutcome;

/// <summary>Unknown email, wrong password, or an account that may not sign in: one answer for all, so none can be told apart.</summary>
public sealed record SignInRefused : SignInOutcome;

/// <summary>The password was right; the account signs in with a second factor too (Identity's two-factor step has begun).</summary>
public sealed record SecondFactorNeeded(OpdUser User) : SignInOutcome;

/// <summary>Too many wrong passwords from this address for this account: only this address waits.</summary>
public sealed record SignInThrottled(TimeSpan Wait) : SignInOutcome;

/// <summary>
/// Checks an email and password for both the cookie and the bearer sign-in. A wrong password never locks the account
/// nor touches it (no lockout, no security-stamp change), so nobody can lock the desk out or cut its open sessions by
/// guessing; <see cref="SignInAttempts"/> slows the guesser down instead. Every refusal costs one password hash and says
/// the same words, whether the email is known or not.
/// </summary>
public sealed class SignInDesk(SignInManager<OpdUser> signIn, IPasswordHasher<OpdUser> hasher, SignInAttempts attempts,
    SignInFingerprints fingerprints, DummyPasswordHash dummy, ILoggerFactory logs)
{
    public const string RefusedWords = "Wrong email or password.";

    public const string ThrottledTitle = "Too many sign-in attempts.";

    private readonly ILogger _log = logs.CreateLogger("OpdReception.Security.SignIn");

    public static string ThrottledWords(int seconds) => $"Please wait {seconds} seconds before trying again.";

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public async Task<SignInOutcome> SignInAsync(string email, string password, string scheme, HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        var key = fingerprints.Key(address, email);
        var where = TextRules.ForLog(http.Request.Path.Value);
        if (attempts.Check(key) is TryLater later)
        {
            _log.LogWarning("Sign-in slowed down for email {EmailHash} from {Client} at {Path}: wait {Seconds} s",
                fingerprints.Of(email), address, where, Seconds(later.Wait).ToString(CultureInfo.InvariantCulture));
            return new SignInThrottled(later.Wait);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        signIn.AuthenticationScheme = scheme;
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            // Not yet a success: wrong codes after a right password keep counting for this address and account.
            return new SecondFactorNeeded(user!);
        }

        if (result.Succeeded)
        {
            attempts.Succeeded(key);
            _log.LogInformation("User {User} signed in at {Path}", user!.Id, where);
            return new SignedInUser(user);
        }

        // Identity answers an unknown email, or a locked one, without hashing anything: hash once anyway, so the
        // time taken does not tell which emails belong to staff.
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            dummy.Verify(hasher, password);
        }

        attempts.Failed(key);
        _log.LogWarning("Sign-in failed for email {EmailHash} from {Client} at {Path}", fingerprints.Of(email), address, where);
        return new SignInRefused();
    }

    /// <summary>How long this address must wait before another second-factor code for this account, if at all.</summary>
    public TimeSpan? SecondFactorWait(OpdUser user, HttpContext http) =>
        attempts.Check(SecondFactorKey(user, http)) is TryLater later ? later.Wait : null;

    /// <summary>A wrong code slows this address for this account as a wrong password does; it never locks the account.</summary>
    public void SecondFactorRefused(OpdUser user, HttpContext http) => attempts.Failed(SecondFactorKey(user, http));

    public void SecondFactorAccepted(OpdUser user, HttpContext http) => attempts.Succeeded(SecondFactorKey(user, http));

    private string SecondFactorKey(OpdUser user, HttpContext http) => fingerprints.Key(http.Connection.RemoteIpAddress, user.Email ?? user.Id);
}

/// <summary>The hash a refused sign-in verifies against when there is no account's hash to verify: made once, by the app's own hasher.</summary>
public sealed class DummyPasswordHash
{
    private string? _hash;

    public void Verify(IPasswordHasher<OpdUser> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(new OpdUser(), Guid.NewGuid().ToString("N")));
        hasher.VerifyHashedPassword(new OpdUser(), hash, password);
    }
}
