using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The named waiting-room screens and what each speaks on a call (Admin only, the rule table).</summary>
internal static class DisplaysApi
{
    public static void MapDisplays(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/displays").WithTags("Admin");
        admin.MapGet("", async (DisplayScreenService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("The named screens, what each speaks, and the hospital's default for the others");
        admin.MapPut("/{name}", async (string name, ScreenSpeechBody body, HttpContext http, DisplayScreenService service, CancellationToken ct) =>
                (await service.SaveAsync(name, body.Speech, http.Actor(), ct)).ToHttp())
            .Produces<DisplayScreenView>().ProducesErrors(400)
            .WithSummary("Name a screen (opened at /display?screen=NAME) or change what it speaks: \"off\" or languages in order, \"en,hi,ta\"; recorded, in effect at once");
        admin.MapDelete("/{name}", async (string name, HttpContext http, DisplayScreenService service, CancellationToken ct) =>
                (await service.RemoveAsync(name, http.Actor(), ct)).ToHttp())
            .Produces<DisplaysView>().ProducesErrors(404)
            .WithSummary("Remove a named screen: its TV then speaks the hospital's default");
    }
}
