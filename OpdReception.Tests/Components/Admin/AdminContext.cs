using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using OpdReception.Security;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Admin;

/// <summary>bUnit with the real admin services over the test app's SQLite file, signed in as the app's test admin.</summary>
public abstract class AdminContext : BunitContext, IClassFixture<OpdApp>
{
    protected AdminContext(OpdApp app)
    {
        App = app;
        Desk = new Desk(app.CreateClient());
        Services.AddMudServices();
        var scope = app.Services.CreateScope().ServiceProvider;
        foreach (var service in new[]
                 {
                     typeof(MessageTemplateService),
                     typeof(DoctorService), typeof(DoctorAdminService), typeof(UserAdminService), typeof(SettingsService), typeof(ScheduleService),
                     typeof(TakeLeave), typeof(SlotService), typeof(DeskService), typeof(AdminOverviewService), typeof(AppearanceService),
                     typeof(TokenQueries), typeof(IssueToken), typeof(ChangeTokenStatus), typeof(MoveToken), typeof(ReallocateSlot),
                     typeof(FeedbackReport),
                     typeof(OpdReception.Services.Messages.MessageAdminService),
                 })
        {
            Services.AddSingleton(service, scope.GetRequiredService(service));
        }

        Services.AddSingleton(app.Service<OpdChanges>());
        Services.AddSingleton(app.Service<IOptionsMonitor<OpdOptions>>());
        Services.AddSingleton<TimeProvider>(app.Clock);
        Services.AddSingleton(app.Service<HospitalClock>());
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        AdminUser = Task.Run(() => app.UserAsync(Roles.Admin)).GetAwaiter().GetResult();
    }

    protected OpdApp App { get; }

    protected Desk Desk { get; }

    protected OpdApp.TestUser AdminUser { get; }

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Renders a page as the signed-in test admin, as the app's cascading authentication state would.</summary>
    protected IRenderedComponent<T> RenderAsAdmin<T>(string? uri = null) where T : IComponent
    {
        if (uri is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, AdminUser.Id), new Claim(OpdClaims.DisplayName, "Test Admin"), new Claim(ClaimTypes.Role, Roles.Admin)], "Test"));
        return Render<T>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(principal))));
    }

    /// <summary>Answers a message box ("Remove", "Deactivate"...) rendered by the dialog provider.</summary>
    protected void Confirm(string yes) =>
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("button").First(b => b.TextContent.Trim() == yes).Click());
}
