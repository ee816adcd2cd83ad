using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpdReception.Security;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Security;

/// <summary>
/// The rule table is enforced by ASP.NET Core authorization: every endpoint carries the named policy of its line,
/// what the table does not name meets the deny-by-default fallback, and the table outranks whatever the mapping
/// code put on an endpoint itself.
/// </summary>
public sealed class AccessPolicyTests(OpdApp app) : IClassFixture<OpdApp>
{
    private IHostEnvironment Environment => app.Services.GetRequiredService<IHostEnvironment>();

    private static ClaimsPrincipal As(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, "someone")), "test"));

    private static RouteEndpoint Mapped(string method, string route, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0,
            new EndpointMetadataCollection(metadata.Append(new HttpMethodMetadata([method]))), $"{method} {route}");

    private RouteEndpoint Ruled(RouteEndpoint endpoint) =>
        (RouteEndpoint)new RuledEndpoints(new DefaultEndpointDataSource(endpoint), Environment).Endpoints.Single();

    /// <summary>What the app's authorization middleware would decide for this endpoint, for this person.</summary>
    private async Task<bool> AllowedAsync(RouteEndpoint endpoint, ClaimsPrincipal user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        http.SetEndpoint(endpoint);
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return true;
        }

        var policy = await AuthorizationPolicy.CombineAsync(scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>(),
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
        return (await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, http, policy!)).Succeeded;
    }

    [Fact]
    public async Task Every_endpoint_carries_exactly_the_policy_of_its_table_line()
    {
        _ = app.CreateClient();
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var wrong = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var line = endpoint.Metadata.GetMetadata<RuledBy>();
            var key = AccessKeys.KeyOf(endpoint, endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET");
            var expected = line is null && key != "STATIC" ? "a line" : AccessPolicies.NameOf(AccessKeys.RuleFor(key, Environment)) ?? "anonymous";
            var named = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "?").ToList();
            var actual = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? string.Join(",", named.Prepend("anonymous"))
                : named.Count == 0 ? (line is null && key != "STATIC" ? "no line" : AccessPolicies.Nobody)
                : string.Join(",", named);
            if (actual != expected || (named.Count == 1 && await policies.GetPolicyAsync(named[0]) is null))
            {
                wrong.Add($"{endpoint.DisplayName}: expected {expected}, got {actual}" + (line is null ? " (mapped after app.EnforceAccessRules()?)" : ""));
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_pages_still_link_fingerprinted_files_with_the_static_files_left_to_their_own_source()
    {
        var page = await app.AnonymousClient().GetStringAsync("/signin", TestContext.Current.CancellationToken);

        Assert.Matches(@"href=""app\.\w+\.css""", page);
    }

    [Fact]
    public async Task An_endpoint_mapped_without_a_line_in_the_table_is_refused_to_everyone_by_the_fallback_policy()
    {
        var unlisted = Ruled(Mapped("GET", "/api/not-in-the-table"));

        Assert.Null(unlisted.Metadata.GetMetadata<IAuthorizeData>());
        Assert.Null(unlisted.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.False(await AllowedAsync(unlisted, As(Roles.All.ToArray())));
        Assert.False(await AllowedAsync(unlisted, new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public async Task Allow_anonymous_put_on_an_endpoint_by_its_mapping_cannot_open_what_the_table_keeps_for_admins()
    {
        var opened = Ruled(Mapped("GET", "/api/admin/users", new AllowAnonymousAttribute(), new AuthorizeAttribute { Roles = Roles.Receptionist }));

        Assert.Null(opened.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.Equal("Admin", Assert.Single(opened.Metadata.GetOrderedMetadata<IAuthorizeData>()).Policy);
        Assert.False(await AllowedAsync(opened, new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.False(await AllowedAsync(opened, As(Roles.Receptionist)));
        Assert.True(await AllowedAsync(opened, As(Roles.Admin)));
    }

    [Fact]
    public async Task A_doctor_without_a_linked_doctor_is_refused_another_doctors_console_by_the_ownership_handler()
    {
        var console = Ruled(Mapped("GET", "/api/doctors/{id:int}/console"));

        Assert.Equal("Doctor, Admin (own Doctor {id})", Assert.Single(console.Metadata.GetOrderedMetadata<IAuthorizeData>()).Policy);
        Assert.False(await AllowedAsync(console, As(Roles.Doctor)));
        Assert.True(await AllowedAsync(console, As(Roles.Admin)));
        Assert.False(await AllowedAsync(console, As(Roles.Receptionist)));
    }

    [Fact]
    public void The_fallback_policy_is_the_deny_by_default_requirement()
    {
        var fallback = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;

        Assert.IsType<UnlistedRequirement>(Assert.Single(Assert.IsType<AuthorizationPolicy>(fallback).Requirements));
    }

    [Fact]
    public async Task A_missing_page_and_a_wrong_method_still_get_their_own_answers_not_a_refusal()
    {
        var client = app.AnonymousClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsJsonAsync("/api/auth/me", new { }, TestContext.Current.CancellationToken)).StatusCode);
    }
}
