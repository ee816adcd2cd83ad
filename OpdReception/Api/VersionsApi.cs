using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// No lost updates. GET of a token, slot or doctor answers an ETag (its version); the writes below honour
/// If-Match: a stale version is a 412 carrying the current state, checked again inside the write's transaction
/// (<see cref="Versioning"/>). Without If-Match a write goes through as it always did. The table says which
/// endpoint reads or writes which entity, in one place, so the endpoint files stay as they are.
/// </summary>
internal static class VersionsApi
{
    private static readonly Dictionary<string, Versioned> Table = new()
    {
        ["GET /api/tokens/{id:int}"] = Versioned.Token,
        ["PATCH /api/tokens/{id:int}/status"] = Versioned.Token,
        ["POST /api/tokens/{id:int}/check-in"] = Versioned.Token,
        ["DELETE /api/tokens/{id:int}/cancel"] = Versioned.Token,
        ["GET /api/slots/{id:int}"] = Versioned.Slot,
        ["PUT /api/slots/{id:int}"] = Versioned.Slot,
        ["DELETE /api/slots/{id:int}"] = Versioned.Slot,
        ["PATCH /api/slots/{id:int}/delay"] = Versioned.Slot,
        ["POST /api/slots/{id:int}/cancel"] = Versioned.Slot,
        ["POST /api/slots/{id:int}/close"] = Versioned.Slot,
        ["GET /api/doctors/{id:int}"] = Versioned.Doctor,
        ["PUT /api/doctors/{id:int}"] = Versioned.Doctor,
        ["DELETE /api/doctors/{id:int}"] = Versioned.Doctor,
    };

    private enum Versioned { Token, Slot, Doctor }

    /// <summary>Endpoints of the table, however they are mapped; a test checks every row still names an endpoint.</summary>
    public static IReadOnlyCollection<string> Endpoints => Table.Keys;

    public static void UseVersions(this RouteGroupBuilder api) => ((IEndpointConventionBuilder)api).Add(endpoint =>
    {
        if (endpoint is not RouteEndpointBuilder route || endpoint.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault() is not { } methods)
        {
            return;
        }

        var versioned = methods.HttpMethods
            .Select(m => Table.TryGetValue($"{m} {route.RoutePattern.RawText}", out var v) ? v : (Versioned?)null)
            .FirstOrDefault(v => v is not null);
        if (versioned is { } entity)
        {
            route.FilterFactories.Add((_, next) => invocation => Check(entity, invocation, next));
            if (!methods.HttpMethods.Contains(HttpMethods.Get))
            {
                route.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status412PreconditionFailed, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            }
        }
    });

    public static string Tag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static async ValueTask<object?> Check(Versioned entity, EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!int.TryParse(http.GetRouteValue("id") as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await next(invocation);
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            // The version is read before the body, so a tag is never newer than what it comes with.
            var version = await VersionAsync(http, entity, id);
            var read = await next(invocation);
            if (version is not null && read is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
            {
                http.Response.Headers.ETag = Tag(version.Value);
            }

            return read;
        }

        int? expected = null;
        if (http.Request.Headers.IfMatch.ToString().Trim() is { Length: > 0 } ifMatch && ifMatch != "*")
        {
            if (!TryParseTag(ifMatch, out var tag))
            {
                return TypedResults.Problem("If-Match must be the ETag of a GET of this resource, e.g. \"3\".",
                    statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");
            }

            expected = tag;
            if (await VersionAsync(http, entity, id) is { } current && current != tag)
            {
                return await StaleAsync(http, entity, id);
            }
        }

        var check = Versioning.Begin(EntityType(entity), id, expected);
        try
        {
            var written = await next(invocation);
            if (check.Saved is { } saved && written is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
            {
                http.Response.Headers.ETag = Tag(saved);
            }

            return written;
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync(http, entity, id);
        }
        finally
        {
            Versioning.End();
        }
    }

    private static bool TryParseTag(string ifMatch, out int version)
    {
        var tag = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        version = 0;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>412 with the state as it is now and its ETag, so the loser of a race can look again and decide.</summary>
    private static async Task<IResult> StaleAsync(HttpContext http, Versioned entity, int id)
    {
        var version = await VersionAsync(http, entity, id);
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        object? current = entity switch
        {
            Versioned.Token => (await services.GetRequiredService<TokenQueries>().GetAsync(id, ct)).Value,
            Versioned.Slot => (await services.GetRequiredService<SlotService>().GetAsync(id, ct)).Value,
            _ => (await services.GetRequiredService<DoctorService>().GetAsync(id, ct)).Value,
        };
        if (version is not null)
        {
            http.Response.Headers.ETag = Tag(version.Value);
        }

        return TypedResults.Problem(
            $"This {entity.ToString().ToLowerInvariant()} was changed by someone else after you read it. Here is how it stands now; check it and try again.",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else.",
            extensions: new Dictionary<string, object?> { ["current"] = current, ["currentVersion"] = version });
    }

    private static async Task<int?> VersionAsync(HttpContext http, Versioned entity, int id)
    {
        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<OpdDbContext>>().CreateDbContextAsync(http.RequestAborted);
        return entity switch
        {
            Versioned.Token => await db.Tokens.Where(t => t.Id == id).Select(t => (int?)t.Version).FirstOrDefaultAsync(http.RequestAborted),
            Versioned.Slot => await db.Slots.Where(s => s.Id == id).Select(s => (int?)s.Version).FirstOrDefaultAsync(http.RequestAborted),
            _ => await db.Doctors.Where(d => d.Id == id).Select(d => (int?)d.Version).FirstOrDefaultAsync(http.RequestAborted),
        };
    }

    private static Type EntityType(Versioned entity) => entity switch
    {
        Versioned.Token => typeof(Token),
        Versioned.Slot => typeof(Slot),
        _ => typeof(Doctor),
    };
}
