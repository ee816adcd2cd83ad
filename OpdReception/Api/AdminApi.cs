using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>Everything the admin's pages do, for a hospital that scripts its setup. Every route is Admin only (the rule table).</summary>
internal static class AdminApi
{
    public static void MapAdmin(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Admin");

        admin.MapGet("/overview", async (AdminOverviewService service, CancellationToken ct) => TypedResults.Ok(await service.TodayAsync(ct)))
            .WithSummary("Today's setup at a glance: doctors working, slots, seats, warnings");

        MapDoctors(admin);
        MapSchedules(admin);
        MapUsers(admin);

        admin.MapGet("/settings", async (SettingsService service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(ct)))
            .WithSummary("The settings in effect, appsettings' defaults, and which were saved");
        admin.MapPut("/settings", async (SettingValues body, HttpContext http, SettingsService service, CancellationToken ct) =>
                (await service.SaveAsync(body, http.Actor(), ct)).ToHttp())
            .Produces<SettingsView>().ProducesErrors(400).WithSummary("Change settings: validated (the emergency weight stays highest), effective at once, recorded");
        admin.MapGet("/history", async (string? area, int? take, SettingsService service, CancellationToken ct) =>
                TypedResults.Ok(await service.HistoryAsync(area, take ?? 200, ct)))
            .WithSummary("The admin's record, newest first: area Setting, User, Doctor, Schedule, Leave or Slot");

        admin.MapGet("/feedback", async (DateOnly? from, DateOnly? to, int? doctorId, FeedbackReport service, CancellationToken ct) =>
                (await service.ReadAsync(from, to, doctorId, ct)).ToHttp())
            .Produces<FeedbackReportView>().ProducesErrors(400, 404)
            .WithSummary("Patients' feedback by doctor and day (at most 31 days; default the last 7), beside the median wait and the share called within ±10 min of the time told; comments newest first, without names");
    }

    private static void MapDoctors(RouteGroupBuilder admin)
    {
        admin.MapGet("/doctors", async (DoctorAdminService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every doctor, deactivated ones too, with history, template and linked accounts");
        admin.MapGet("/specializations", async (DoctorAdminService service, CancellationToken ct) => TypedResults.Ok(await service.SpecializationsAsync(ct)))
            .WithSummary("The specializations in use");
        admin.MapDelete("/doctors/{id:int}", async (int id, HttpContext http, DoctorAdminService service, CancellationToken ct) =>
                (await service.RemoveAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<RemovalView>().ProducesErrors(404, 409)
            .WithSummary("Take a doctor off the list: deleted without history, else deactivated (hidden from issuing, history kept)");
        admin.MapPost("/doctors/{id:int}/reactivate", async (int id, HttpContext http, DoctorAdminService service, CancellationToken ct) =>
                (await service.ReactivateAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<DoctorView>().ProducesErrors(404, 409).WithSummary("Bring a deactivated doctor back");
    }

    private static void MapSchedules(RouteGroupBuilder admin)
    {
        admin.MapGet("/doctors/{id:int}/template", async (int id, ScheduleService service, CancellationToken ct) =>
                (await service.GetTemplateAsync(id, ct)).ToHttp())
            .Produces<TemplateView>().ProducesErrors(404).WithSummary("A doctor's weekly template");
        admin.MapPut("/doctors/{id:int}/template", async (int id, List<SessionRequest> body, HttpContext http, ScheduleService service, CancellationToken ct) =>
                (await service.SaveTemplateAsync(id, body, http.Actor(), ct)).ToHttp())
            .Produces<TemplateView>().ProducesErrors(400, 404).WithSummary("Replace a doctor's weekly template (sessions on OPD days)");
        admin.MapPost("/slots/generate", async (GenerateRequest body, bool? preview, HttpContext http, ScheduleService service, CancellationToken ct) =>
                (preview == true ? await service.PreviewAsync(body, ct) : await service.GenerateAsync(body, http.Actor(), ct)).ToHttp())
            .Produces<GenerationView>().ProducesErrors(400, 404, 409)
            .WithSummary("Generate a date range's slots from the templates (one doctor or all); ?preview=true writes nothing");
        admin.MapPost("/slots/{id:int}/cancel", async (int id, SlotsApi.ReasonBody body, bool? preview, HttpContext http, TakeLeave service, CancellationToken ct) =>
                (await service.CancelSlotAsync(id, body.Reason, preview == true ? null : (Actor?)http.Actor(), ct)).ToHttp())
            .Produces<CancellationView>().ProducesErrors(400, 404, 409)
            .WithSummary("Cancel a slot and move its patients; ?preview=true shows where they would go and writes nothing");
        admin.MapGet("/leave", async (int? doctorId, TakeLeave service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(doctorId, ct)))
            .WithSummary("Leave from today on");
        admin.MapPost("/leave", async (LeaveRequest body, bool? preview, HttpContext http, TakeLeave service, CancellationToken ct) =>
                (preview == true ? await service.PreviewAsync(body, ct) : await service.ConfirmAsync(body, http.Actor(), ct)).ToHttp())
            .Produces<CancellationView>().ProducesErrors(400, 404, 409)
            .WithSummary("Mark a doctor away for a date or range: open slots cancelled, patients moved; ?preview=true writes nothing");
        admin.MapDelete("/leave/{id:int}", async (int id, HttpContext http, TakeLeave service, CancellationToken ct) =>
                (await service.RemoveAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<LeaveView>().ProducesErrors(404).WithSummary("Remove a leave entry (cancelled slots stay cancelled)");
    }

    private static void MapUsers(RouteGroupBuilder admin)
    {
        admin.MapGet("/users", async (UserAdminService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithSummary("Every account with its roles, linked doctor and lock");
        admin.MapPost("/users", async (NewUserRequest body, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.CreateAsync(body, http.Actor(), ct)).ToHttp(u => TypedResults.Created($"/api/admin/users/{u.Id}", u)))
            .Produces<UserView>(StatusCodes.Status201Created).ProducesErrors(400, 404, 409).WithSummary("Create an account");
        admin.MapPut("/users/{id}", async (string id, UserCorrection body, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.CorrectAsync(id, body, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(400, 404, 409).WithSummary("Correct an account's email and display name (unique email; the user signs in again)");
        admin.MapDelete("/users/{id}", async (string id, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.RemoveAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<UserRemovalView>().ProducesErrors(404, 409)
            .WithSummary("Take an account off: deleted if it never acted, else deactivated (cannot sign in, history kept); never your own nor the last admin");
        admin.MapPost("/users/{id}/password", async (string id, PasswordRequest body, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.ResetPasswordAsync(id, body.Password, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(400, 404).WithSummary("Set a new password (signs the user out everywhere)");
        admin.MapPost("/users/{id}/sign-out-everywhere", async (string id, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.SignOutEverywhereAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(404).WithSummary("End every session of the account: its browsers and programs must sign in again");
        admin.MapPost("/users/{id}/lock", async (string id, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.LockAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(404, 409).WithSummary("Lock an account (never the last admin, never your own)");
        admin.MapPost("/users/{id}/unlock", async (string id, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.UnlockAsync(id, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(404).WithSummary("Unlock an account");
        admin.MapPost("/users/{id}/roles", async (string id, RoleRequest body, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.AddRoleAsync(id, body.Role, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(400, 404, 409).WithSummary("Give a role");
        admin.MapDelete("/users/{id}/roles/{role}", async (string id, string role, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.RemoveRoleAsync(id, role, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(400, 404, 409).WithSummary("Remove a role (the last admin keeps Admin)");
        admin.MapPut("/users/{id}/doctor", async (string id, LinkDoctorRequest body, HttpContext http, UserAdminService service, CancellationToken ct) =>
                (await service.LinkDoctorAsync(id, body.DoctorId, http.Actor(), ct)).ToHttp())
            .Produces<UserView>().ProducesErrors(404).WithSummary("Link the account to the doctor it acts for, or unlink (null)");
    }
}
