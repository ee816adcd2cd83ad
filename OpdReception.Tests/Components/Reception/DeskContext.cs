using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>bUnit with the real services over the test app's SQLite file, and MudBlazor's providers rendered.</summary>
public abstract class DeskContext : BunitContext, IClassFixture<OpdApp>
{
    /// <param name="changes">Another notifier than the app's makes a deaf screen, for tests of stale state.</param>
    protected DeskContext(OpdApp app, OpdChanges? changes = null)
    {
        App = app;
        Desk = new Desk(app.CreateClient());
        Services.AddMudServices();
        foreach (var service in new[]
                 {
                     typeof(DeskService), typeof(DoctorService), typeof(SlotService), typeof(ConsoleService), typeof(DisplayService), typeof(PatientPageService), typeof(PatientRecords), typeof(EditPatient), typeof(MergePatients), typeof(ErasePatients),
                     typeof(TokenQueries), typeof(IssueToken), typeof(ChangeTokenStatus), typeof(MoveToken), typeof(ReallocateSlot), typeof(TakeLeave), typeof(ContactPatients),
                 })
        {
            Services.AddSingleton(service, app.Services.CreateScope().ServiceProvider.GetRequiredService(service));
        }

        Services.AddSingleton(changes ?? app.Service<OpdChanges>());
        Services.AddSingleton(app.Service<BoardFeed>());
        Services.AddSingleton(app.Service<PatientAccessLog>());
        Services.AddSingleton(app.Service<DisplayFeed>());
        Services.AddSingleton(app.Service<PatientDayFeed>());
        Services.AddSingleton(app.Service<OpdReception.Security.AnonymousScreens>());
        Services.AddSingleton<Microsoft.AspNetCore.Http.IHttpContextAccessor, Microsoft.AspNetCore.Http.HttpContextAccessor>();
        Services.AddScoped<OpdReception.Components.ScreenCircuit>();
        Services.AddSingleton(app.Service<AppearanceService>());
        Services.AddSingleton(app.Service<DisplayScreenService>());
        Services.AddSingleton(app.Service<IOptionsMonitor<OpdOptions>>());
        Services.AddSingleton(app.Service<IOptions<NotificationOptions>>());
        Services.AddSingleton(app.Service<HospitalClock>());
        JSInterop.Mode = JSRuntimeMode.Loose;

        // The shared CPU runs the whole suite at once: a live update may take longer than bUnit's default second.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    protected OpdApp App { get; }

    /// <summary>Where dialogs render: outside the component under test, as in the app's layout.</summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected Desk Desk { get; }

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
