using OpdReception.Api;
using OpdReception.Benchmarks;
using OpdReception.Components;
using OpdReception.Data;
using OpdReception.Security;
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

// A build run outside Development (the benchmark's server) finds its static assets through the build's manifest, as Development does.
if (builder.Configuration.GetValue<bool>("StaticAssetsFromBuild"))
{
    builder.WebHost.UseStaticWebAssets();
}

builder.Services.AddOpdData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddOpdServices(builder.Configuration);
builder.Services.AddOpdIdentity(builder.Environment);
builder.Services.AddSecureDefaults();
builder.Services.AddOpdApi();
builder.Services.AddOpdScreens();

var app = builder.Build();

app.LogHospitalClock();
await app.PrepareDatabaseAsync();
if (args is ["create-admin", var email, ..])
{
    return await app.CreateAdminAsync(email, Console.In, Console.Out);
}

await app.PrepareAccountsAsync();

app.UseSecureDefaults();
app.UseExceptionHandler();
app.UseBodyLimit();
app.UseWhen(http => OpdPaths.IsApi(http.Request.Path), api => api.UseStatusCodePages());
app.UseWhen(http => !OpdPaths.IsApi(http.Request.Path),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseMiddleware<AnonymousScreenGate>();
app.UseMiddleware<SameOriginWrites>();
app.UseMiddleware<AccessEnforcement>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpdApi();
app.MapOpdScreens();

app.Run();
return 0;

public partial class Program;
