using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>Wrong passwords slow the guesser down, per address and account; they never lock the account, cut its sessions, or tell which emails are real.</summary>
public sealed class SlowedSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wrong_passwords_from_another_address_do_not_stop_the_desk_signing_in()
    {
        await using var app = new OpdApp().OnRealPort();
        var address = app.Start();
        var email = await NewAccountAsync(app, "desk");
        using var guesser = From(address, "127.0.0.2");
        using var desk = From(address, "127.0.0.1");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            answers.Add(await guesser.PostAsJsonAsync("/api/auth/login", new { email, password = $"guess-number-{attempt}" }, Ct));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)], answers.Select(a => a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.PostAsJsonAsync("/api/auth/login", new { email, password = OpdApp.Password }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await desk.PostAsJsonAsync("/account/signin", new { email, password = "a-typo-at-the-desk" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync("/account/signin", new { email, password = OpdApp.Password }, Ct)).StatusCode);

        // A slow-down, not a lock: once the wait is over the guesser's address may try again.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await guesser.PostAsJsonAsync("/api/auth/login", new { email, password = OpdApp.Password }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_further_wrong_password_from_the_same_address_doubles_the_wait()
    {
        await using var app = new OpdApp();
        var email = await NewAccountAsync(app, "doubling");
        var client = app.AnonymousClient();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-1" }, Ct)).StatusCode);
        }

        Assert.Equal(2, await RetryAfterAsync(client, email));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RetryAfterAsync(client, email));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password-1" }, Ct)).StatusCode);
        Assert.Equal(4, await RetryAfterAsync(client, email));
    }

    [Fact]
    public async Task Existing_sessions_survive_someone_elses_failures()
    {
        await using var app = new OpdApp();
        var email = await NewAccountAsync(app, "survivor");
        var bearer = app.AnonymousClient();
        var login = await (await bearer.PostAsJsonAsync("/api/auth/login", new { email, password = OpdApp.Password }, Ct)).ReadJson();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var cookie = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await cookie.PostAsJsonAsync("/account/signin", new { email, password = OpdApp.Password }, Ct)).StatusCode);
        var before = await AccountAsync(app, email);

        // Each guess waits out its slow-down, so every one of them really reaches the password check.
        for (var attempt = 0; attempt < 12; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { email, password = $"guess-{attempt}" }, Ct)).StatusCode);
            app.Clock.Advance(SignInThrottleWait);
        }

        var after = await AccountAsync(app, email);
        Assert.Equal((before.SecurityStamp, (DateTimeOffset?)null, 0), (after.SecurityStamp, after.LockoutEnd, after.AccessFailedCount));
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/doctors", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.AnonymousClient().PostAsJsonAsync("/api/auth/login", new { email, password = OpdApp.Password }, Ct)).StatusCode);
    }

    private static readonly TimeSpan SignInThrottleWait = OpdReception.Domain.SignInThrottle.LongestWait;

    [Theory]
    [InlineData("/api/auth/login")]
    [InlineData("/account/signin")]
    public async Task Unknown_and_known_emails_get_the_same_words(string endpoint)
    {
        var hashes = new HashCount();
        await using var app = new OpdApp().WithServices(s =>
        {
            s.AddSingleton(hashes);
            s.AddScoped<IPasswordHasher<OpdUser>, CountingHasher>();
        });
        var known = await NewAccountAsync(app, "known");
        var locked = await NewAccountAsync(app, "locked");
        var deactivated = await NewAccountAsync(app, "gone");
        await SetLockoutAsync(app, locked, OpdReception.Domain.AccountRules.LockedUntil);
        await SetLockoutAsync(app, deactivated, OpdReception.Domain.AccountRules.DeactivatedUntil);
        var client = app.AnonymousClient();

        var tries = new[]
        {
            ("unknown email", "nobody-here@test.opd", OpdApp.Password),
            ("wrong password", known, "wrong-password-1"),
            ("locked by the admin", locked, OpdApp.Password),
            ("deactivated", deactivated, OpdApp.Password),
        };
        var answers = new List<(string Case, HttpStatusCode Status, string? Type, string Title, string Detail, int Hashes)>();
        foreach (var (name, email, password) in tries)
        {
            var before = hashes.Verified;
            var response = await client.PostAsJsonAsync(endpoint, new { email, password }, Ct);
            var body = await response.ReadJson();
            answers.Add((name, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                body.GetProperty("title").GetString()!, body.GetProperty("detail").GetString()!, hashes.Verified - before));
        }

        // The same answer, and the same work (one password hash verified), whoever the email belongs to.
        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json", "Not signed in.", SignInDesk.RefusedWords, 1),
            (a.Status, a.Type, a.Title, a.Detail, a.Hashes)));
    }

    [Fact]
    public async Task Failed_sign_in_logs_a_hash_not_the_typed_email()
    {
        await using var app = new OpdApp().CapturingLogs();
        var client = app.AnonymousClient();

        await client.PostAsJsonAsync("/api/auth/login", new { email = "Typed.Secret@test.opd", password = "wrong-password-1" }, Ct);
        await client.PostAsJsonAsync("/account/signin", new { email = "typed.secret@TEST.opd", password = "wrong-password-2" }, Ct);
        await client.PostAsJsonAsync("/api/auth/login", new { email = "someone-else@test.opd", password = "wrong-password-3" }, Ct);

        var lines = app.Logs!.Lines.Select(l => l.Text).ToList();
        Assert.DoesNotContain(lines, l => l.Contains("typed.secret", StringComparison.OrdinalIgnoreCase) || l.Contains("someone-else", StringComparison.Ordinal)
            || l.Contains("wrong-password", StringComparison.Ordinal));
        var failed = lines.Where(l => l.StartsWith("Sign-in failed for email ", StringComparison.Ordinal))
            .Select(l => l["Sign-in failed for email ".Length..].Split(' ')[0]).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, hash => Assert.Matches("^[0-9a-f]{16}$", hash));
        Assert.Equal(failed[0], failed[1]);
        Assert.NotEqual(failed[0], failed[2]);
    }

    [Fact]
    public async Task Token_refresh_has_its_own_limit()
    {
        await using var app = new OpdApp().With("Opd:RefreshesPerMinutePerClient", "2");
        var user = await app.UserAsync(Roles.Receptionist);
        var client = app.AnonymousClient();

        // A window may roll over between two refreshes; the limit still shows within two windows' worth.
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 5 && refused is null; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken }, Ct);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = OpdApp.Password }, Ct)).StatusCode);
    }

    private static async Task<int> RetryAfterAsync(HttpClient client, string email)
    {
        var refused = await client.PostAsJsonAsync("/api/auth/login", new { email, password = OpdApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        var body = await refused.ReadJson();
        Assert.Equal((SignInDesk.ThrottledTitle, SignInDesk.ThrottledWords(seconds)), (body.GetProperty("title").GetString(), body.GetProperty("detail").GetString()));
        return seconds;
    }

    private static async Task<string> NewAccountAsync(OpdApp app, string name)
    {
        var email = $"{name}@test.opd";
        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<AccountResult.Created>(await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, name, OpdApp.Password, [Roles.Receptionist]));
        return email;
    }

    private static async Task<OpdUser> AccountAsync(OpdApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>().FindByEmailAsync(email))!;
    }

    private static async Task SetLockoutAsync(OpdApp app, string email, DateTimeOffset until)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, until);
    }

    /// <summary>A client whose connections come from <paramref name="local"/>, another loopback address standing for another desk.</summary>
    private static HttpClient From(Uri app, string local) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(local), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = app };

    public sealed class HashCount
    {
        private int _verified;

        public int Verified => _verified;

        public void Add() => Interlocked.Increment(ref _verified);
    }

    /// <summary>The app's own hasher, counting how many hashes it verifies.</summary>
    private sealed class CountingHasher(HashCount count, IOptions<PasswordHasherOptions> options) : PasswordHasher<OpdUser>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(OpdUser user, string hashedPassword, string providedPassword)
        {
            count.Add();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
