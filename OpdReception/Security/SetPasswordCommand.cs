using Microsoft.AspNetCore.Identity;

namespace OpdReception.Security;

public static class SetPasswordCommand
{
    /// <summary>
    /// `set-password &lt;email&gt;`: an operator's way out when the app will not start (an account with the demo
    /// password) and so no admin page is reachable. The password comes from OPD_ADMIN_PASSWORD or standard input.
    /// </summary>
    public static async Task<int> SetPasswordAsync(this WebApplication app, string email, TextReader input, TextWriter output)
    {
        if (await ReadPasswordAsync($"New password for {email}: ", input, output) is not { } password)
        {
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OpdUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            output.WriteLine($"Not changed: no account for {email}.");
            return 1;
        }

        // A reset changes the security stamp, so every cookie and screen of the account signs out.
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!result.Succeeded)
        {
            output.WriteLine($"Not changed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            return 1;
        }

        output.WriteLine($"Changed the password of {email}.");
        return 0;
    }

    /// <summary>A command's password: OPD_ADMIN_PASSWORD, else one line of standard input; null (and said why) when neither gives one.</summary>
    internal static async Task<string?> ReadPasswordAsync(string prompt, TextReader input, TextWriter output)
    {
        var password = Environment.GetEnvironmentVariable("OPD_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            output.Write(prompt);
            password = (await input.ReadLineAsync())?.Trim();
        }

        if (string.IsNullOrEmpty(password))
        {
            output.WriteLine("No password given (standard input or OPD_ADMIN_PASSWORD).");
            return null;
        }

        return password;
    }
}
