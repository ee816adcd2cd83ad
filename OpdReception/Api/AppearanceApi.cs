using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The hospital's look: colour and logo (Admin), and the logo itself for every screen, the display included.</summary>
internal static class AppearanceApi
{
    public static void MapAppearance(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin");
        admin.MapGet("/appearance", async (AppearanceService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(ct)))
            .WithSummary("The hospital's name, primary colour and logo address");
        admin.MapPut("/appearance", async (ColourBody body, HttpContext http, AppearanceService service, CancellationToken ct) =>
                (await service.SaveColourAsync(body.PrimaryColour, http.Actor(), ct)).ToHttp())
            .Produces<AppearanceView>().ProducesErrors(400)
            .WithSummary("Change the primary colour (#rrggbb, dark enough for white text on it); recorded, in effect on the next page load");
        admin.MapPut("/logo", async (HttpRequest request, HttpContext http, AppearanceService service, CancellationToken ct) =>
            {
                var bytes = await ReadAtMostAsync(request.Body, AppearanceRules.MaxLogoBytes + 1, ct);
                return (await service.SaveLogoAsync(bytes, http.Actor(), ct)).ToHttp();
            })
            // No Accepts(): routing would answer another declared type with 415 before the rules could say what is wrong.
            .Produces<AppearanceView>().ProducesErrors(400)
            .WithSummary("Upload the logo as the request body: PNG, JPEG or WebP, at most 48 KB");
        admin.MapDelete("/logo", async (HttpContext http, AppearanceService service, CancellationToken ct) =>
                (await service.RemoveLogoAsync(http.Actor(), ct)).ToHttp())
            .Produces<AppearanceView>().WithSummary("Remove the logo");

        app.MapGet(AppearanceService.LogoPath, async (HttpContext http, AppearanceService service, CancellationToken ct) =>
            {
                if (await service.LogoAsync(ct) is not { } logo)
                {
                    return Results.NotFound();
                }

                // The address carries the version: a new logo has a new address, so this one may be kept.
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(logo.Bytes, logo.ContentType);
            })
            .ExcludeFromDescription();
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
