namespace OpdReception.Security;

public static class AccountsStartup
{
    /// <summary>Roles always exist; Development gets the demo accounts; elsewhere the operator is told when no admin exists.</summary>
    public static async Task PrepareAccountsAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<OpdAccounts>();
        await accounts.EnsureRolesAsync();
        if (app.Environment.IsDevelopment())
        {
            var created = await accounts.SeedDemoAccountsAsync();
            if (created.Count > 0)
            {
                app.Logger.LogInformation("Created {Count} demo accounts (Development only; README.md lists them): {Emails}",
                    created.Count, string.Join(", ", created.Select(a => a.Email)));
            }
        }
        else if (!await accounts.AnyAdminAsync())
        {
            app.Logger.LogWarning(
                "No admin account exists. Create the first one with: dotnet run --project OpdReception -- create-admin <email> (password from standard input or OPD_ADMIN_PASSWORD)");
        }
    }

    /// <summary>`create-admin &lt;email&gt;`: the first admin, with the password from OPD_ADMIN_PASSWORD or standard input.</summary>
    public static async Task<int> CreateAdminAsync(this WebApplication app, string email, TextReader input, TextWriter output)
    {
        if (await SetPasswordCommand.ReadPasswordAsync($"Password for {email}: ", input, output) is not { } password)
        {
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OpdAccounts>().CreateAsync(email, email, password, [Roles.Admin]);
        switch (result)
        {
            case AccountResult.Created:
                output.WriteLine($"Created admin {email}. Sign in at /signin.");
                return 0;
            case AccountResult.NotCreated refused:
                output.WriteLine($"Not created: {refused.Reason}");
                return 1;
            default:
                throw new InvalidOperationException($"Unexpected result {result}.");
        }
    }
}
