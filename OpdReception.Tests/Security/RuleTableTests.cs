using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>
/// Every endpoint the app maps and every page it can route to has a line in the rule table, and the running app
/// answers each one, anonymously and under each role, as that line says. A new endpoint without a rule fails here.
/// </summary>
public sealed partial class RuleTableTests(OpdApp app) : IClassFixture<OpdApp>
{
    private sealed record Mapped(string Method, string Route, string Key, string? Name);

    private IReadOnlyList<Mapped> Endpoints()
    {
        _ = app.CreateClient();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Mapped(m, e.RoutePattern.RawText ?? "", AccessKeys.KeyOf(e, m), e.DisplayName + " | " + string.Join(",", e.Metadata.Select(x => x.GetType().Name)))))
            .ToList();
    }

    private AccessRule RuleOf(string key) => AccessKeys.RuleFor(key, app.Services.GetRequiredService<IHostEnvironment>());

    [Fact]
    public void Every_endpoint_has_a_rule()
    {
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.Key == "POST /api/tokens/walkin");
        Assert.Contains(endpoints, e => e.Key.StartsWith("PAGE ", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.Key == "STATIC");
        var unguarded = endpoints.Where(e => RuleOf(e.Key) == AccessRule.Missing).Select(e => $"{e.Method} {e.Route} (key \"{e.Key}\", endpoint {e.Name})").Distinct().ToList();
        Assert.True(unguarded.Count == 0, "No rule in AccessRules.Table for:\n" + string.Join("\n", unguarded));
    }

    [Fact]
    public void Every_routable_page_has_a_rule()
    {
        var pages = StartPages.RoutesOf(typeof(Program).Assembly);
        Assert.Contains("/signin", pages);
        var unguarded = pages.Where(p => AccessRules.For($"PAGE {AccessRules.Normalize(p)}") == AccessRule.Missing).ToList();
        Assert.True(unguarded.Count == 0, "No rule in AccessRules.Table for the pages:\n" + string.Join("\n", unguarded));
    }

    [Fact]
    public void An_endpoint_missing_from_the_table_is_refused_to_everyone()
    {
        Assert.Equal(AccessRule.Missing, AccessRules.For("GET /api/not-in-the-table"));
        var decision = AccessDecision.Decide(Who.Admin | Who.Receptionist, signedIn: true, AccessRule.Missing);
        Assert.IsType<AccessDecision.Refused>(decision);
        Assert.IsType<AccessDecision.SignInFirst>(AccessDecision.Decide(Who.Nobody, signedIn: false, AccessRule.Missing));
    }

    public static TheoryData<string> Callers() => ["anonymous", .. Roles.All];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Every_api_endpoint_answers_each_caller_as_its_rule_says(string caller)
    {
        var client = caller == "anonymous" ? app.AnonymousClient() : await app.ClientAsAsync(caller);
        var holds = caller == "anonymous" ? Who.Nobody : Enum.Parse<Who>(caller);
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.Key.Contains(" /api/", StringComparison.Ordinal) || e.Key.Contains(" /openapi/", StringComparison.Ordinal)).DistinctBy(e => e.Key))
        {
            var rule = RuleOf(endpoint.Key);
            var expected = AccessDecision.Decide(holds, caller != "anonymous", rule) switch
            {
                AccessDecision.Allowed => "through",
                AccessDecision.SignInFirst => "401",
                // The test's Doctor is linked to no doctor and the booking site booked nothing: nothing is their own.
                AccessDecision.Refused or AccessDecision.IfOwn => "403",
                _ => throw new InvalidOperationException(),
            };
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Url(endpoint.Route));
            if (endpoint.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            // Signing out ends the caller's sessions: those endpoints are called by a throwaway account of the same role.
            var sender = caller != "anonymous" && endpoint.Route is "/api/auth/logout" or "/api/auth/sign-out-everywhere" ? await ThrowawayAsync(caller) : client;
            var response = await sender.SendAsync(request, TestContext.Current.CancellationToken);
            var actual = response.StatusCode switch
            {
                // The gateway's receipts pass the table (anyone) and are then refused by their own signature check.
                HttpStatusCode.Unauthorized when endpoint.Route == "/api/notifications/receipts"
                    && (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("X-Opd-Signature", StringComparison.Ordinal) => "through",
                HttpStatusCode.Unauthorized => "401",
                HttpStatusCode.Forbidden => "403",
                _ => "through",
            };
            if (actual != expected)
            {
                wrong.Add($"{endpoint.Key}: expected {expected}, got {(int)response.StatusCode}");
            }
            else if (actual != "through")
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.True(wrong.Count == 0, $"As {caller}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Every_page_answers_each_caller_as_its_rule_says(string caller)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = caller == "anonymous" ? null : new("Bearer", (await app.UserAsync(caller)).Token);
        var holds = caller == "anonymous" ? Who.Nobody : Enum.Parse<Who>(caller);
        var wrong = new List<string>();
        foreach (var page in StartPages.RoutesOf(typeof(Program).Assembly))
        {
            var rule = AccessRules.For($"PAGE {AccessRules.Normalize(page)}");
            var response = await client.GetAsync(Url(page), TestContext.Current.CancellationToken);
            var (expected, actual) = (AccessDecision.Decide(holds, caller != "anonymous", rule) switch
            {
                AccessDecision.Allowed => "shown",
                AccessDecision.SignInFirst => "sign-in",
                _ => "refused",
            }, response.StatusCode switch
            {
                HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/signin", StringComparison.Ordinal) == true => "sign-in",
                HttpStatusCode.Forbidden => "refused",
                HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/forbidden", StringComparison.Ordinal) == true => "refused",
                _ when response.IsSuccessStatusCode => "shown",
                _ => $"{(int)response.StatusCode}",
            });

            // Home sends a signed-in person on to their own start page, which counts as shown.
            if (expected != actual && !(expected == "shown" && response.StatusCode == HttpStatusCode.Redirect))
            {
                wrong.Add($"{page}: expected {expected}, got {actual}");
            }
        }

        Assert.True(wrong.Count == 0, $"As {caller}:\n" + string.Join("\n", wrong));
    }

    /// <summary>A route template made into a URL: every parameter becomes 1 (the OpenAPI document is v1).</summary>
    private async Task<HttpClient> ThrowawayAsync(string role)
    {
        var email = $"throwaway-{Guid.NewGuid():N}@test.opd";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, "Throwaway", OpdApp.Password, [role]);
        }

        var login = await (await app.AnonymousClient().Post("/api/auth/login", new { email, password = OpdApp.Password })).ReadJson();
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    private static string Url(string route) => Parameter().Replace(route, m => m.Groups[1].Value == "documentName" ? "v1" : "1");

    [GeneratedRegex(@"\{\*{0,2}(\w+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
