using MudBlazor.Services;
using OpdReception.Api;
using OpdReception.Benchmarks;
using OpdReception.Components;
using OpdReception.Data;
using OpdReception.Services;
using OpdReception.Simulation;

if (args is ["simulate", ..])
{
    return await OpdDaySimulation.RunAsync(args[1..], Console.Out);
}

if (args is ["benchmark", ..])
{
    return await OpdBenchmark.RunAsync(args[1..], Console.Out);
}

if (args is ["backup" or "restore", ..])
{
    return BackupCommand.Run(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOpdData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddOpdServices(builder.Configuration);
builder.Services.AddOpdApi();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();

app.LogHospitalClock();
await app.PrepareDatabaseAsync();

app.UseExceptionHandler();
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpdApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

public partial class Program;
