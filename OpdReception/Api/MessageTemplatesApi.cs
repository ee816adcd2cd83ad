using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>The wording of the messages patients get, per event and language: an admin's (the rule table).</summary>
internal static class MessageTemplatesApi
{
    public static void MapMessageTemplates(this IEndpointRouteBuilder api)
    {
        var templates = api.MapGroup("/admin/message-templates").WithTags("Admin");
        templates.MapGet("/", async (MessageTemplateService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every message's template in every language: the wording in effect, its default, DLT template id and placeholders");
        templates.MapPut("/", async (MessageTemplateRequest body, HttpContext http, MessageTemplateService service, CancellationToken ct) =>
                (await service.SaveAsync(body, http.Actor(), ct)).ToHttp())
            .Produces<MessageTemplateView>().ProducesErrors(400)
            .WithSummary("Change one template (event, language, text, dltTemplateId) or reset it to the default (\"reset\": true); recorded in the admin's history");
    }
}
