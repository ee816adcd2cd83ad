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
builder.Services.AddOpdIdentity(builder.Environment, builder.Configuration);
if (builder.Services.AddOpdDataProtection(builder.Configuration, builder.Environment) is KeyCertificate.Refused keys)
{
    await Console.Error.WriteLineAsync(keys.Reason);
    return 1;
}

builder.Services.AddSecureDefaults();
builder.Services.AddOpdApi();
builder.Services.AddOpdScreens();
builder.Services.AddOpdProxy();

var app = builder.Build();

app.LogStartMode();
app.LogHospitalClock();
await app.PrepareDatabaseAsync();
if (args is ["create-admin", var email, ..])
{
    return await app.CreateAdminAsync(email, Console.In, Console.Out);
}

if (args is ["set-password", var account, ..])
{
    return await app.SetPasswordAsync(account, Console.In, Console.Out);
}

await app.PrepareAccountsAsync();
if (await app.RefusesToStartAsync(Console.Error))
{
    return 1;
}

app.UseOpdProxy();
app.UseSecureDefaults();
app.UseExceptionHandler();
app.UseBodyLimit();
app.UseWhen(http => OpdPaths.IsApi(http.Request.Path), api => api.UseStatusCodePages());
app.UseWhen(http => !OpdPaths.IsApi(http.Request.Path),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseMiddleware<LiveConnectionOrigins>();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseMiddleware<AnonymousScreenGate>();
app.UseMiddleware<SameOriginWrites>();
app.UseMiddleware<AccountDutyGate>();
app.UseAuthorization();
app.UseAntiforgery();

// The table's STATIC line (anyone); every other endpoint gets its line's policy from EnforceAccessRules below.
app.MapStaticAssets().AllowAnonymous();
app.MapOpdApi();
app.MapOpdScreens();

// Last after mapping: every endpoint above gets the policy of its line in the rule table.
app.EnforceAccessRules();

app.Run();
return 0;

public partial class Program;
